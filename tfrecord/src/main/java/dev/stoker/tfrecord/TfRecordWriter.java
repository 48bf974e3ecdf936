package dev.stoker.tfrecord;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes TFRecord frames. The uncompressed stream is byte-identical to TensorFlow's {@code
 * TFRecordWriter} for the same payloads; with GZIP or ZLIB the whole stream is compressed (the
 * compressed bytes depend on the deflate implementation, the inflated stream does not).
 *
 * <pre>{@code
 * TfRecordWriterOptions options =
 *     TfRecordWriterOptions.builder().indexFile(Path.of("train-00000.idx")).build();
 * try (TfRecordWriter writer = TfRecordWriter.open(Path.of("train-00000.tfrecord"), options)) {
 *   writer.write(payload);
 * }
 * }</pre>
 *
 * <p><b>Ownership and threading.</b> The caller of {@code open} owns the writer and must close it;
 * the writer owns and closes the file or stream it writes and the index file. Not thread-safe: one
 * thread at a time. {@link #close()} flushes, finishes the compressed stream and closes; it is
 * idempotent, and {@code write} throws {@link IllegalStateException} after it.
 */
public final class TfRecordWriter implements AutoCloseable {
  private static final int CHUNK = 64 << 10;

  private final OutputStream out;
  private final @Nullable Deflater deflater;
  private final @Nullable BufferedWriter index;
  private final CRC32C crc = new CRC32C();
  private final byte[] header = new byte[TfRecordFrame.HEADER_LENGTH];
  private final ByteBuffer headerView = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
  private final byte[] footer = new byte[TfRecordFrame.FOOTER_LENGTH];
  private final ByteBuffer footerView = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN);
  private byte @Nullable [] chunk;
  private long position;
  private long count;
  private boolean closed;

  private TfRecordWriter(
      OutputStream out, @Nullable Deflater deflater, @Nullable BufferedWriter index) {
    this.out = out;
    this.deflater = deflater;
    this.index = index;
  }

  /**
   * Creates (or truncates) a file and opens a writer over it.
   *
   * @param path the file
   * @param options how to write
   * @return an open writer, owned by the caller
   * @throws IOException when the file or the index file cannot be created
   */
  public static TfRecordWriter open(Path path, TfRecordWriterOptions options) throws IOException {
    return open(Files.newOutputStream(path), options);
  }

  /**
   * Opens a writer over a stream, which it takes over and closes.
   *
   * @param target where the (possibly compressed) stream goes
   * @param options how to write
   * @return an open writer, owned by the caller
   * @throws IOException when the index file cannot be created or the stream cannot be started
   */
  public static TfRecordWriter open(OutputStream target, TfRecordWriterOptions options)
      throws IOException {
    Objects.requireNonNull(target, "target");
    OutputStream out = target;
    Deflater deflater = null;
    BufferedWriter index = null;
    try {
      Path indexFile = options.indexFile();
      if (indexFile != null) {
        index = Files.newBufferedWriter(indexFile, StandardCharsets.US_ASCII);
      }
      out = new BufferedOutputStream(target, options.bufferSize());
      switch (options.compression()) {
        case NONE -> {}
        case GZIP -> out = new GZIPOutputStream(out, CHUNK);
        case ZLIB -> {
          deflater = new Deflater();
          out = new DeflaterOutputStream(out, deflater, CHUNK);
        }
      }
      return new TfRecordWriter(out, deflater, index);
    } catch (IOException | RuntimeException e) {
      try (target) {
        if (index != null) {
          index.close();
        }
        if (deflater != null) {
          deflater.end();
        }
      }
      throw e;
    }
  }

  /**
   * Writes one record.
   *
   * @param payload the record's bytes
   * @throws IOException when the target cannot be written
   * @throws IllegalStateException when the writer is closed
   */
  public void write(byte[] payload) throws IOException {
    write(payload, 0, payload.length);
  }

  /**
   * Writes one record from part of an array.
   *
   * @param payload the array
   * @param offset the first byte of the record
   * @param length the record's length
   * @throws IOException when the target cannot be written
   * @throws IllegalStateException when the writer is closed
   */
  public void write(byte[] payload, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, payload.length);
    ensureOpen();
    writeHeader(length);
    out.write(payload, offset, length);
    writeFooter(TfRecordFrame.maskedCrc(crc, payload, offset, length), length);
  }

  /**
   * Writes one record from a memory segment (heap or off-heap).
   *
   * @param payload the record's bytes
   * @throws IOException when the target cannot be written
   * @throws IllegalStateException when the writer is closed
   */
  public void write(MemorySegment payload) throws IOException {
    ensureOpen();
    long length = payload.byteSize();
    writeHeader(length);
    byte[] buf = chunk;
    if (buf == null) {
      buf = new byte[CHUNK];
      chunk = buf;
    }
    crc.reset();
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(buf.length, length - done);
      MemorySegment.copy(payload, ValueLayout.JAVA_BYTE, done, buf, 0, n);
      crc.update(buf, 0, n);
      out.write(buf, 0, n);
      done += n;
    }
    writeFooter(TfRecordFrame.mask((int) crc.getValue()), length);
  }

  private void writeHeader(long length) throws IOException {
    headerView.putLong(TfRecordFrame.LENGTH_OFFSET, length);
    int lengthCrc = TfRecordFrame.maskedCrc(crc, header, 0, Long.BYTES);
    headerView.putInt(TfRecordFrame.LENGTH_CRC_OFFSET, lengthCrc);
    out.write(header);
  }

  private void writeFooter(int dataCrc, long length) throws IOException {
    footerView.putInt(0, dataCrc);
    out.write(footer);
    long frame = TfRecordFrame.frameLength(length);
    if (index != null) {
      index.write(TfRecordIndex.line(position, frame));
    }
    position += frame;
    count++;
  }

  /**
   * Returns how many records were written.
   *
   * @return the record count
   */
  public long count() {
    return count;
  }

  /**
   * Returns the length of the uncompressed stream written so far: the offset of the next record.
   *
   * @return the position in bytes
   */
  public long position() {
    return position;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the writer is closed");
    }
  }

  /** Flushes, finishes the compressed stream, and closes the target and the index. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } finally {
      try {
        if (index != null) {
          index.close();
        }
      } finally {
        if (deflater != null) {
          deflater.end();
        }
      }
    }
  }
}
