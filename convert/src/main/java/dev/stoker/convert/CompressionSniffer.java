package dev.stoker.convert;

import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordFrame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells how a TFRecord file is compressed from its first twelve bytes.
 *
 * <p>An uncompressed file starts with a frame header whose length matches its masked CRC32C: that
 * is checked first, since a length's low bytes may look like a zlib header by chance (a false match
 * has odds of 2<sup>-32</sup>). Otherwise {@code 1f 8b} is GZIP, and a zlib header (method 8, the
 * 16-bit header a multiple of 31) is ZLIB. Anything else is read as uncompressed, so the reader
 * reports the damaged header with its offset. Thread-safe (stateless).
 */
public final class CompressionSniffer {
  private CompressionSniffer() {}

  /**
   * Detects a file's compression.
   *
   * @param file the file
   * @return the compression; {@link TfRecordCompression#NONE} for an empty file
   * @throws IOException when the file cannot be read
   */
  public static TfRecordCompression detect(Path file) throws IOException {
    byte[] head = new byte[TfRecordFrame.HEADER_LENGTH];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return detect(head, n);
  }

  /**
   * Detects the compression of a stream from its first bytes.
   *
   * @param head the first bytes
   * @param n how many of them are valid
   * @return the compression
   */
  public static TfRecordCompression detect(byte[] head, int n) {
    if (n >= TfRecordFrame.HEADER_LENGTH) {
      ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
      long length = b.getLong(TfRecordFrame.LENGTH_OFFSET);
      if (TfRecordFrame.maskedLengthCrc(length) == b.getInt(TfRecordFrame.LENGTH_CRC_OFFSET)) {
        return TfRecordCompression.NONE;
      }
    }
    if (n >= 2) {
      int b0 = head[0] & 0xff;
      int b1 = head[1] & 0xff;
      if (b0 == 0x1f && b1 == 0x8b) {
        return TfRecordCompression.GZIP;
      }
      if ((b0 & 0x0f) == 8 && (b0 >>> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0) {
        return TfRecordCompression.ZLIB;
      }
    }
    return TfRecordCompression.NONE;
  }

  /**
   * Detects a file's compression, or answers {@link TfRecordCompression#NONE} for a path that is
   * not a regular file (a glob the reader expands).
   *
   * @param path the file or glob
   * @return the compression
   * @throws IOException when the file cannot be read
   */
  public static TfRecordCompression detectOrNone(Path path) throws IOException {
    return Files.isRegularFile(path) ? detect(path) : TfRecordCompression.NONE;
  }
}
