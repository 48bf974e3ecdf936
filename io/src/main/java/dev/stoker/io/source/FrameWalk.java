package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.tfrecord.TfRecordFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Counts the records of an uncompressed TFRecord file by walking its frame headers, each length
 * checked against its masked CRC32C. Reads fetch a {@link #WINDOW} at a time, so the headers of
 * small records cost no call of their own (a shard of small records is one or two calls), and a
 * header outside the window costs one read there, skipping the payloads between. The frame layout
 * is {@link TfRecordFrame}'s.
 */
final class FrameWalk {
  private FrameWalk() {}

  /** How much one read fetches: the headers of all frames that start inside it come free. */
  static final int WINDOW = 64 * 1024;

  static long count(RandomReader reader, String source) throws IOException {
    long size = reader.size();
    ByteBuffer window =
        ByteBuffer.allocate((int) Math.min(WINDOW, Math.max(size, TfRecordFrame.HEADER_LENGTH)))
            .order(ByteOrder.LITTLE_ENDIAN);
    byte[] lengthBytes = new byte[8];
    long windowStart = 0;
    int windowLength = 0;
    CRC32C crc = new CRC32C();
    long offset = 0;
    long index = 0;
    while (offset < size) {
      if (offset < windowStart
          || offset + TfRecordFrame.HEADER_LENGTH > windowStart + windowLength) {
        window.clear();
        window.limit((int) Math.min(window.capacity(), size - offset));
        while (window.hasRemaining()) {
          if (reader.read(offset + window.position(), window) < 0) {
            break;
          }
        }
        windowStart = offset;
        windowLength = window.position();
        if (windowLength < TfRecordFrame.HEADER_LENGTH) {
          throw new IOException(
              where(source, index, offset)
                  + "truncated: the file ends "
                  + windowLength
                  + " bytes into the "
                  + TfRecordFrame.HEADER_LENGTH
                  + "-byte header");
        }
      }
      ByteBuffer header =
          window.duplicate().order(ByteOrder.LITTLE_ENDIAN).position((int) (offset - windowStart));
      header = header.slice().order(ByteOrder.LITTLE_ENDIAN);
      header.get(0, lengthBytes);
      long length = header.getLong(TfRecordFrame.LENGTH_OFFSET);
      int stored = header.getInt(TfRecordFrame.LENGTH_CRC_OFFSET);
      int actual = TfRecordFrame.maskedCrc(crc, lengthBytes, 0, 8);
      if (stored != actual) {
        throw new IOException(
            where(source, index, offset)
                + "lengthCrc=0x"
                + Integer.toHexString(stored)
                + " (expected: 0x"
                + Integer.toHexString(actual)
                + ", the masked CRC32C of the length field)");
      }
      if (length < 0 || length > size) {
        throw new IOException(
            where(source, index, offset)
                + "length="
                + length
                + " (expected: <= file size "
                + size
                + ")");
      }
      long next = offset + TfRecordFrame.frameLength(length);
      if (next > size) {
        throw new IOException(
            where(source, index, offset)
                + "truncated: the frame needs "
                + TfRecordFrame.frameLength(length)
                + " bytes, the file holds "
                + (size - offset));
      }
      offset = next;
      index++;
    }
    return index;
  }

  private static String where(String source, long index, long offset) {
    return source + ": record " + index + " at offset " + offset + ": ";
  }
}
