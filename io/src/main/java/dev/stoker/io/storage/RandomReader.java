package dev.stoker.io.storage;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Positional reads from one file: the random-access half of {@link Storage}.
 *
 * <p><b>Ownership and threading.</b> The caller of {@link Storage#openRandom} owns the reader and
 * closes it. Positional reads keep no cursor, but implementations need not be thread-safe: use one
 * reader per thread. After {@link #close()}, reads throw {@link IOException}; close is idempotent.
 */
public interface RandomReader extends AutoCloseable {
  /**
   * Returns the file's size, as it was when the reader was opened.
   *
   * @return the size in bytes
   */
  long size();

  /**
   * Reads up to {@code dst.remaining()} bytes at a position.
   *
   * @param position the file offset
   * @param dst where to put the bytes; its position advances by the count read
   * @return the count read, or -1 when {@code position} is at or past the end
   * @throws IOException on a read error
   */
  int read(long position, ByteBuffer dst) throws IOException;

  /**
   * Fills a whole segment from a position.
   *
   * @param position the file offset
   * @param dst the segment to fill; its size is the count read
   * @throws EOFException when the file ends first, naming the file and offsets
   * @throws IOException on a read error
   */
  default void readFully(long position, MemorySegment dst) throws IOException {
    ByteBuffer buffer = dst.asByteBuffer();
    long at = position;
    while (buffer.hasRemaining()) {
      int n = read(at, buffer);
      if (n < 0) {
        throw new EOFException(
            location()
                + ": end of file at offset "
                + at
                + " while reading "
                + dst.byteSize()
                + " bytes from offset "
                + position);
      }
      at += n;
    }
  }

  /**
   * Returns the file this reader reads, for messages.
   *
   * @return the location
   */
  String location();

  /** Releases the file. Idempotent. */
  @Override
  void close() throws IOException;
}
