package dev.stoker.decode;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads a JPEG's frame header (SOFn) by walking its marker segments, without decoding anything: the
 * dimensions, component count, progressive flag and chroma subsampling. Every length read from the
 * data is checked against the data's end before it is used.
 *
 * <pre>
 * FF D8                          SOI
 * FF xx  len(2)  payload(len-2)  APPn, DQT, DHT, COM, ... (skipped)
 * FF Cn  len(2)  P(1) Y(2) X(2) Nf(1) Nf × [Ci(1) HiVi(1) Tqi(1)]   SOFn: the frame header
 * </pre>
 */
final class JpegHeader {
  private JpegHeader() {}

  static ImageInfo parse(MemorySegment data) {
    long n = data.byteSize();
    if (ImageFormat.sniff(data) != ImageFormat.JPEG) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED, "not a JPEG: no SOI marker FF D8 at offset 0");
    }
    long pos = 2;
    while (true) {
      if (pos >= n) {
        throw corrupt("no frame header (SOFn) before the end of the data", n);
      }
      if (u8(data, pos) != 0xff) {
        throw corrupt(String.format("expected a marker, found 0x%02x", u8(data, pos)), pos);
      }
      while (pos < n && u8(data, pos) == 0xff) {
        pos++;
      }
      if (pos >= n) {
        throw corrupt("no frame header (SOFn) before the end of the data", n);
      }
      int marker = u8(data, pos++);
      if (marker == 0x01 || marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) {
        continue;
      }
      if (marker == 0xd9 || marker == 0xda) {
        throw corrupt(String.format("marker 0xff%02x before any frame header", marker), pos - 2);
      }
      if (pos + 2 > n) {
        throw corrupt("truncated marker segment length", pos);
      }
      int length = u16(data, pos);
      if (length < 2 || pos + length > n) {
        throw corrupt(
            String.format(
                "marker 0xff%02x segment length=%d past the end of the data", marker, length),
            pos);
      }
      if (isFrameHeader(marker)) {
        return frame(data, marker, pos + 2, length - 2);
      }
      pos += length;
    }
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }

  private static ImageInfo frame(MemorySegment data, int marker, long at, int length) {
    if (length < 6) {
      throw corrupt("frame header length=" + length + " (expected: >= 6)", at);
    }
    int precision = u8(data, at);
    int height = u16(data, at + 1);
    int width = u16(data, at + 3);
    int components = u8(data, at + 5);
    if (length < 6 + 3 * components) {
      throw corrupt("frame header too short for " + components + " components", at);
    }
    if (components != 1 && components != 3 && components != 4) {
      throw corrupt("components=" + components + " (expected: 1, 3 or 4)", at + 5);
    }
    if (width == 0 || height == 0) {
      throw corrupt("frame size " + width + "×" + height + " (expected: both > 0)", at + 1);
    }
    if (precision != 8) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED,
          "sample precision=" + precision + " bits (expected: 8) at offset " + at);
    }
    boolean progressive = marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce;
    ChromaSubsampling subsampling = ChromaSubsampling.OTHER;
    if (components == 1) {
      subsampling = ChromaSubsampling.GRAY;
    } else if (components == 3) {
      int h0 = u8(data, at + 7) >> 4;
      int v0 = u8(data, at + 7) & 15;
      boolean chromaOne = u8(data, at + 10) == 0x11 && u8(data, at + 13) == 0x11;
      if (chromaOne) {
        subsampling =
            switch (h0 * 10 + v0) {
              case 11 -> ChromaSubsampling.S444;
              case 21 -> ChromaSubsampling.S422;
              case 22 -> ChromaSubsampling.S420;
              case 12 -> ChromaSubsampling.S440;
              case 41 -> ChromaSubsampling.S411;
              default -> ChromaSubsampling.OTHER;
            };
      }
    }
    return new ImageInfo(ImageFormat.JPEG, width, height, components, progressive, subsampling);
  }

  private static ImageDecodeException corrupt(String what, long offset) {
    return new ImageDecodeException(
        ImageDecodeException.Reason.CORRUPT, what + " at offset " + offset);
  }

  private static int u8(MemorySegment s, long at) {
    return s.get(ValueLayout.JAVA_BYTE, at) & 0xff;
  }

  private static int u16(MemorySegment s, long at) {
    return (u8(s, at) << 8) | u8(s, at + 1);
  }
}
