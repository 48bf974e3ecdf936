package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's {@link InputFile} over a {@link Storage}: every storage, local or Hadoop, reads Parquet
 * through the same positional reads.
 */
final class StorageInputFile implements InputFile {
  private final Storage storage;
  private final String location;
  private final long length;

  StorageInputFile(Storage storage, String location) throws IOException {
    this.storage = storage;
    this.location = location;
    this.length = storage.size(location);
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    return new Stream(storage.openRandom(location));
  }

  @Override
  public String toString() {
    return location;
  }

  /** A cursor over positional reads. Not thread-safe, as Parquet expects. */
  private static final class Stream extends SeekableInputStream {
    private final RandomReader reader;
    private final byte[] one = new byte[1];
    private long pos;

    Stream(RandomReader reader) {
      this.reader = reader;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0) {
        throw new EOFException(reader.location() + ": seek to offset " + newPos);
      }
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      return read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      int n = reader.read(pos, buf);
      if (n > 0) {
        pos += n;
      }
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(ByteBuffer.wrap(bytes));
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      readFully(ByteBuffer.wrap(bytes, start, len));
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      long from = pos;
      while (buf.hasRemaining()) {
        if (read(buf) < 0) {
          throw new EOFException(
              reader.location()
                  + ": end of file at offset "
                  + pos
                  + " while reading from offset "
                  + from);
        }
      }
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
