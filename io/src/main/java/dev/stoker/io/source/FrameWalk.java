package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.tfrecord.TfRecordFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Counts the records of an uncompressed TFRecord file by walking its frame headers: one 12-byte
 * positional read per record, each length checked against its masked CRC32C, payloads skipped. The
 * frame layout is {@link TfRecordFrame}'s.
 */
final class FrameWalk {
  private FrameWalk() {}

  static long count(RandomReader reader, String source) throws IOException {
    ByteBuffer header =
        ByteBuffer.allocate(TfRecordFrame.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    long size = reader.size();
    long offset = 0;
    long index = 0;
    while (offset < size) {
      header.clear();
      while (header.hasRemaining()) {
        if (reader.read(offset + header.position(), header) < 0) {
          throw new IOException(
              where(source, index, offset)
                  + "truncated: the file ends "
                  + header.position()
                  + " bytes into the "
                  + TfRecordFrame.HEADER_LENGTH
                  + "-byte header");
        }
      }
      long length = header.getLong(TfRecordFrame.LENGTH_OFFSET);
      int stored = header.getInt(TfRecordFrame.LENGTH_CRC_OFFSET);
      int actual = TfRecordFrame.maskedCrc(crc, header.array(), TfRecordFrame.LENGTH_OFFSET, 8);
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
