package dev.stoker.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The container formats Stoker recognises, told apart by their first bytes. */
public enum ImageFormat {
  /** JPEG (JFIF, Exif, Adobe): starts {@code FF D8 FF}. */
  JPEG,
  /** PNG: starts {@code 89 50 4E 47 0D 0A 1A 0A}. */
  PNG,
  /** GIF: starts {@code GIF87a} or {@code GIF89a}. */
  GIF,
  /** Windows bitmap: starts {@code BM}. */
  BMP,
  /** Anything else. */
  UNKNOWN;

  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /**
   * Recognises a format from its magic bytes, reading at most the first eight.
   *
   * @param encoded the encoded image
   * @return the format, or {@link #UNKNOWN}
   */
  public static ImageFormat sniff(MemorySegment encoded) {
    long n = encoded.byteSize();
    if (n >= 3 && u8(encoded, 0) == 0xff && u8(encoded, 1) == 0xd8 && u8(encoded, 2) == 0xff) {
      return JPEG;
    }
    if (n >= 8) {
      boolean png = true;
      for (int i = 0; i < 8 && png; i++) {
        png = encoded.get(ValueLayout.JAVA_BYTE, i) == PNG_MAGIC[i];
      }
      if (png) {
        return PNG;
      }
    }
    if (n >= 6
        && u8(encoded, 0) == 'G'
        && u8(encoded, 1) == 'I'
        && u8(encoded, 2) == 'F'
        && u8(encoded, 3) == '8'
        && (u8(encoded, 4) == '7' || u8(encoded, 4) == '9')
        && u8(encoded, 5) == 'a') {
      return GIF;
    }
    if (n >= 2 && u8(encoded, 0) == 'B' && u8(encoded, 1) == 'M') {
      return BMP;
    }
    return UNKNOWN;
  }

  private static int u8(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }
}
