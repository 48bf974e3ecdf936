package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.tfrecord.TfRecordFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Walks the records of an uncompressed TFRecord file by their frame headers alone, each length
 * checked against its masked CRC32C; payloads are skipped, never read or copied. Reads fetch a
 * {@link #WINDOW} at a time, so the headers of small records cost no call of their own (a shard of
 * small records is one or two calls), and a header outside the window costs one read there,
 * skipping the payloads between. The frame layout is {@link TfRecordFrame}'s.
 *
 * <p>Used to count a shard's records ({@link #count}) and to replay a stream up to a resume point
 * without reading the samples before it. Not thread-safe; it does not close the reader.
 */
final class FrameWalk {
  /** How much one read fetches: the headers of all frames that start inside it come free. */
  static final int WINDOW = 64 * 1024;

  private final RandomReader reader;
  private final String source;
  private final long maxLength;
  private final long size;
  private final ByteBuffer window;
  private final byte[] lengthBytes = new byte[8];
  private final CRC32C crc = new CRC32C();
  private long windowStart;
  private int windowLength;
  private long offset;
  private long index;

  /**
   * @param reader the file, not closed by the walk
   * @param source the file's name for messages
   * @param maxLength the largest payload accepted, as a reader's {@code maxRecordLength}
   */
  FrameWalk(RandomReader reader, String source, long maxLength) {
    this.reader = reader;
    this.source = source;
    this.maxLength = maxLength;
    this.size = reader.size();
    this.window =
        ByteBuffer.allocate((int) Math.min(WINDOW, Math.max(size, TfRecordFrame.HEADER_LENGTH)))
            .order(ByteOrder.LITTLE_ENDIAN);
  }

  static long count(RandomReader reader, String source) throws IOException {
    FrameWalk walk = new FrameWalk(reader, source, Long.MAX_VALUE);
    while (walk.next()) {
      // counting only
    }
    return walk.index();
  }

  /** Returns the header offset of the frame that {@link #next()} steps over next. */
  long offset() {
    return offset;
  }

  /** Returns how many frames were stepped over: the index of the next one. */
  long index() {
    return index;
  }

  /**
   * Steps over one frame after checking its header.
   *
   * @return true when there was a frame; false at the clean end of the file
   * @throws IOException when the header is damaged, the length is over the limit or the file ends
   *     inside the frame (the message names the file, record and offset), or the read fails
   */
  boolean next() throws IOException {
    if (offset >= size) {
      return false;
    }
    if (offset < windowStart || offset + TfRecordFrame.HEADER_LENGTH > windowStart + windowLength) {
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
            where()
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
          where()
              + "lengthCrc=0x"
              + Integer.toHexString(stored)
              + " (expected: 0x"
              + Integer.toHexString(actual)
              + ", the masked CRC32C of the length field)");
    }
    if (length < 0 || length > size || length > maxLength) {
      throw new IOException(
          where()
              + "length="
              + length
              + " (expected: <= "
              + (maxLength < size ? "the record limit " + maxLength : "file size " + size)
              + ")");
    }
    long next = offset + TfRecordFrame.frameLength(length);
    if (next > size) {
      throw new IOException(
          where()
              + "truncated: the frame needs "
              + TfRecordFrame.frameLength(length)
              + " bytes, the file holds "
              + (size - offset));
    }
    offset = next;
    index++;
    return true;
  }

  private String where() {
    return source + ": record " + index + " at offset " + offset + ": ";
  }
}
