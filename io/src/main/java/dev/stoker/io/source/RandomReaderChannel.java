package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only {@link SeekableByteChannel} over a {@link RandomReader}, so that a TFRecord reader
 * can seek to indexed records on any storage. Closing the channel closes the reader.
 */
final class RandomReaderChannel implements SeekableByteChannel {
  private final RandomReader reader;
  private long position;
  private boolean open = true;

  RandomReaderChannel(RandomReader reader) {
    this.reader = reader;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    int n = reader.read(position, dst);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    this.position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return reader.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    if (open) {
      open = false;
      reader.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
