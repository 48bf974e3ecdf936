package dev.stoker.convert;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only file that holds every encoded record until its shard is written, so a conversion
 * into thousands of shards keeps two files open (this one and the shard being committed) instead of
 * one per shard. Records are appended in arrival order and read back by offset; the file is hidden
 * ({@code .NAME.records.partial}) and deleted when the run ends.
 *
 * <p>Owned and used by the converter's writing thread; {@link #delete()} may also run from a
 * shutdown hook.
 */
final class RecordSpill implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private long size;

  RecordSpill(Path file) throws IOException {
    this.file = file;
    this.channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
  }

  /** Appends a record and returns its offset. */
  long append(byte[] record) throws IOException {
    long at = size;
    ByteBuffer src = ByteBuffer.wrap(record);
    try {
      while (src.hasRemaining()) {
        channel.write(src, at + src.position());
      }
    } catch (IOException e) {
      throw new IOException(file + ": cannot write at offset " + at + ": " + e.getMessage(), e);
    }
    size += record.length;
    return at;
  }

  /** Reads back the record of {@code length} bytes appended at {@code offset}. */
  byte[] read(long offset, int length) throws IOException {
    byte[] record = new byte[length];
    ByteBuffer dst = ByteBuffer.wrap(record);
    while (dst.hasRemaining()) {
      if (channel.read(dst, offset + dst.position()) < 0) {
        throw new EOFException(file + ": record at offset " + offset + " is cut short");
      }
    }
    return record;
  }

  /** Deletes the file; best effort, for the end of a run and for a shutdown hook. */
  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A hidden .partial file left behind is never taken for a shard, and the next run
      // truncates it.
    }
  }

  /** Closes and deletes the file. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Only read back by this run; deleted below.
    }
    delete();
  }
}
