package dev.stoker.tfrecord;

import dev.stoker.core.Checks;
import dev.stoker.core.memory.MemoryBudget;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the records of a TFRecord stream, checking every frame, without a copy or an allocation per
 * record in the steady state.
 *
 * <pre>{@code
 * try (TfRecordReader reader = TfRecordReader.open(path, TfRecordReaderOptions.defaults())) {
 *   while (reader.next()) {
 *     MemorySegment payload = reader.record(); // valid until the next call to next()
 *     long offset = reader.offset();            // where the record's header starts
 *     ring.publish(payload);                    // copy it out, or parse it in place
 *   }
 * } // a damaged record throws a TfRecordException naming the file, record and offset
 * }</pre>
 *
 * <p><b>Checks.</b> Each frame's length must match its masked CRC32C (always) and must not exceed
 * {@link TfRecordReaderOptions#maxRecordLength()}, checked before anything is allocated for it;
 * each payload must match its masked CRC32C (unless {@link TfRecordReaderOptions#verifyDataCrc()}
 * is off); a stream that ends anywhere inside a frame, even inside a header, is {@linkplain
 * TruncatedRecordException truncated}. A failed check throws a {@link TfRecordException}; the
 * reader then stays failed and every later {@link #next()} throws the same exception, so no record
 * past damage is ever returned. End of stream is {@code next() == false}, never a null.
 *
 * <p><b>Memory.</b> Records are read in chunks of {@link TfRecordReaderOptions#readSize()} bytes
 * into one off-heap buffer, drawn from {@link TfRecordReaderOptions#memoryBudget()} (or from a
 * budget of the reader's own, {@code "tfrecord reader <source>"}), and {@link #record()} is a view
 * into that buffer: a pipeline copies it into its off-heap ring with {@link MemorySegment#copy} and
 * no heap copy. The buffer grows, when a frame is larger than it, to at most one frame of the
 * largest accepted record.
 *
 * <p><b>Ownership and threading.</b> The caller of {@code open} owns the reader and must close it;
 * the reader owns and closes the file, channel or stream it reads. It is not thread-safe: one
 * thread at a time may use it (the buffer is in a shared arena, so it may be handed to another
 * thread between calls). {@link #close()} frees the buffer at once, so views returned by {@link
 * #record()} become inaccessible; it is idempotent, and every other method throws {@link
 * IllegalStateException} after it.
 *
 * <p><b>Interrupts.</b> Reads from a file are interruptible: an interrupt closes the channel, the
 * read throws {@link java.nio.channels.ClosedByInterruptException} (an {@link IOException}) and the
 * thread's interrupt status stays set. Nothing here catches or clears it.
 */
public final class TfRecordReader implements AutoCloseable {
  private static final ValueLayout.OfLong LE_LONG =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt LE_INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final ReadableByteChannel channel;
  private final @Nullable Inflater inflater;
  private final TfRecordReaderOptions options;
  private final String source;
  private final @Nullable MemoryBudget ownBudget;
  private final ReadBuffer buffer;
  private final CRC32C crc = new CRC32C();

  private long streamOffset;
  private long nextIndex;
  private int pendingFrame;
  private long recordOffset = -1;
  private long recordIndex = -1;
  private int recordStart;
  private int recordLength = -1;
  private @Nullable TfRecordException failure;
  private boolean closed;

  private TfRecordReader(
      ReadableByteChannel channel,
      @Nullable Inflater inflater,
      TfRecordReaderOptions options,
      String source) {
    this.channel = channel;
    this.inflater = inflater;
    this.options = options;
    this.source = source;
    int maxCapacity = options.maxRecordLength() + TfRecordFrame.OVERHEAD;
    MemoryBudget given = options.memoryBudget();
    MemoryBudget budget =
        given != null
            ? given
            : MemoryBudget.create(
                "tfrecord reader " + source, ReadBuffer.ownBudgetLimit(maxCapacity));
    this.ownBudget = given == null ? budget : null;
    try {
      this.buffer = new ReadBuffer(budget, options.readSize(), maxCapacity);
    } catch (RuntimeException e) {
      if (ownBudget != null) {
        ownBudget.close();
      }
      throw e;
    }
  }

  /**
   * Opens a file.
   *
   * @param path the file
   * @param options how to read it
   * @return an open reader, owned by the caller
   * @throws IOException when the file cannot be opened, or a compressed file's header is damaged
   */
  public static TfRecordReader open(Path path, TfRecordReaderOptions options) throws IOException {
    String source = options.sourceName().isEmpty() ? path.toString() : options.sourceName();
    if (options.compression() == TfRecordCompression.NONE) {
      return create(FileChannel.open(path, StandardOpenOption.READ), null, options, source);
    }
    return inflating(Files.newInputStream(path), options, source);
  }

  /**
   * Opens a reader over a channel, which it takes over and closes. With {@link
   * TfRecordCompression#NONE} and a {@link SeekableByteChannel} whose position is 0, {@link
   * #readAt(long, long)} works too.
   *
   * @param channel a blocking channel positioned at the start of the stream
   * @param options how to read it
   * @return an open reader, owned by the caller
   * @throws IOException when a compressed stream's header is damaged
   */
  public static TfRecordReader open(ReadableByteChannel channel, TfRecordReaderOptions options)
      throws IOException {
    Objects.requireNonNull(channel, "channel");
    String source = options.sourceName().isEmpty() ? "stream" : options.sourceName();
    if (options.compression() == TfRecordCompression.NONE) {
      return create(channel, null, options, source);
    }
    return inflating(Channels.newInputStream(channel), options, source);
  }

  /**
   * Opens a reader over an input stream, which it takes over and closes.
   *
   * @param in the stream, at the start of the TFRecord stream
   * @param options how to read it
   * @return an open reader, owned by the caller
   * @throws IOException when a compressed stream's header is damaged
   */
  public static TfRecordReader open(InputStream in, TfRecordReaderOptions options)
      throws IOException {
    Objects.requireNonNull(in, "in");
    String source = options.sourceName().isEmpty() ? "stream" : options.sourceName();
    if (options.compression() == TfRecordCompression.NONE) {
      return create(Channels.newChannel(in), null, options, source);
    }
    return inflating(in, options, source);
  }

  private static TfRecordReader create(
      ReadableByteChannel channel,
      @Nullable Inflater inflater,
      TfRecordReaderOptions options,
      String source)
      throws IOException {
    try {
      return new TfRecordReader(channel, inflater, options, source);
    } catch (RuntimeException | OutOfMemoryError e) {
      try (channel) {
        if (inflater != null) {
          inflater.end();
        }
      }
      throw e;
    }
  }

  private static TfRecordReader inflating(
      InputStream raw, TfRecordReaderOptions options, String source) throws IOException {
    int size = Math.min(options.readSize(), 1 << 16);
    Inflater inflater = null;
    InputStream in;
    try {
      if (options.compression() == TfRecordCompression.GZIP) {
        in = new GZIPInputStream(raw, size);
      } else {
        inflater = new Inflater();
        in = new InflaterInputStream(raw, inflater, size);
      }
    } catch (ZipException | EOFException e) {
      raw.close();
      throw new CorruptStreamException(source, 0, 0, options.compression(), e);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
    return create(Channels.newChannel(in), inflater, options, source);
  }

  /**
   * Moves to the next record and checks it.
   *
   * @return true when a record was read; false at the clean end of the stream (and on every call
   *     after that)
   * @throws TfRecordException when the record is damaged; every later call throws it again
   * @throws IOException when the source cannot be read
   * @throws IllegalStateException when the reader is closed
   */
  public boolean next() throws IOException {
    ensureOpen();
    return readFrame(true);
  }

  /**
   * Reads the one record whose header starts at {@code offset}, as from an index file. After it,
   * {@link #next()} goes on with the record that follows. Needs an uncompressed stream read through
   * a file or a {@link SeekableByteChannel}. The record is checked on its own: an earlier failure
   * does not stick to it, and a failure here sticks until the next {@code readAt}. Only the bytes
   * of that one frame are read.
   *
   * @param offset the byte offset of the record's header
   * @param index the record's index, reported by {@link #index()} and in exceptions
   * @return true when a record was read; false when {@code offset} is the end of the stream
   * @throws TfRecordException when the record there is damaged
   * @throws IOException when the source cannot be read
   * @throws UnsupportedOperationException when the stream is compressed or not seekable
   */
  public boolean readAt(long offset, long index) throws IOException {
    ensureOpen();
    if (options.compression() != TfRecordCompression.NONE
        || !(channel instanceof SeekableByteChannel seekable)) {
      throw new UnsupportedOperationException(
          "readAt needs an uncompressed, seekable source (compression="
              + options.compression()
              + ", channel="
              + channel.getClass().getSimpleName()
              + ")");
    }
    Checks.require(offset >= 0, "offset", offset, ">= 0");
    Checks.require(index >= 0, "index", index, ">= 0");
    seekable.position(offset);
    buffer.clear();
    pendingFrame = 0;
    streamOffset = offset;
    nextIndex = index;
    failure = null;
    return readFrame(false);
  }

  private boolean readFrame(boolean readAhead) throws IOException {
    if (failure != null) {
      throw failure;
    }
    buffer.consume(pendingFrame);
    streamOffset += pendingFrame;
    pendingFrame = 0;
    recordLength = -1;
    try {
      return readChecked(readAhead);
    } catch (ZipException | EOFException e) {
      if (options.compression() == TfRecordCompression.NONE) {
        throw e;
      }
      throw fail(
          new CorruptStreamException(source, nextIndex, streamOffset, options.compression(), e));
    }
  }

  private boolean readChecked(boolean readAhead) throws IOException {
    if (!buffer.ensure(channel, TfRecordFrame.HEADER_LENGTH, readAhead)) {
      if (buffer.available() == 0) {
        return false;
      }
      throw fail(
          new TruncatedRecordException(
              source, nextIndex, streamOffset, buffer.available(), TfRecordFrame.HEADER_LENGTH));
    }
    int at = buffer.start();
    MemorySegment segment = buffer.segment();
    long length = segment.get(LE_LONG, at + TfRecordFrame.LENGTH_OFFSET);
    int storedLengthCrc = segment.get(LE_INT, at + TfRecordFrame.LENGTH_CRC_OFFSET);
    int lengthCrc = TfRecordFrame.maskedLengthCrc(length);
    if (lengthCrc != storedLengthCrc) {
      throw fail(
          new CorruptLengthException(source, nextIndex, streamOffset, storedLengthCrc, lengthCrc));
    }
    if (length < 0 || length > options.maxRecordLength()) {
      throw fail(
          new RecordTooLongException(
              source, nextIndex, streamOffset, length, options.maxRecordLength()));
    }
    int payloadLength = (int) length;
    int frame = payloadLength + TfRecordFrame.OVERHEAD;
    if (!buffer.ensure(channel, frame, readAhead)) {
      throw fail(
          new TruncatedRecordException(source, nextIndex, streamOffset, buffer.available(), frame));
    }
    at = buffer.start();
    int payloadStart = at + TfRecordFrame.PAYLOAD_OFFSET;
    if (options.verifyDataCrc()) {
      int stored = buffer.segment().get(LE_INT, payloadStart + payloadLength);
      int actual = maskedCrc(payloadStart, payloadStart + payloadLength);
      if (actual != stored) {
        throw fail(
            new DataChecksumException(
                source, nextIndex, streamOffset, payloadLength, stored, actual));
      }
    }
    recordOffset = streamOffset;
    recordIndex = nextIndex++;
    recordStart = payloadStart;
    recordLength = payloadLength;
    pendingFrame = frame;
    return true;
  }

  private int maskedCrc(int from, int to) {
    ByteBuffer bytes = buffer.bytes();
    bytes.clear().position(from).limit(to);
    return TfRecordFrame.maskedCrc(crc, bytes);
  }

  private TfRecordException fail(TfRecordException e) {
    failure = e;
    return e;
  }

  /**
   * Returns the current record's payload: a read-only view into the reader's buffer, valid until
   * the next call to {@link #next()}, {@link #readAt(long, long)} or {@link #close()}.
   *
   * @return the payload
   * @throws IllegalStateException when there is no current record
   */
  public MemorySegment record() {
    ensureRecord();
    return buffer.readOnly().asSlice(recordStart, recordLength);
  }

  /**
   * Returns the current record's payload length, without making a view.
   *
   * @return the length in bytes
   * @throws IllegalStateException when there is no current record
   */
  public int recordLength() {
    ensureRecord();
    return recordLength;
  }

  /**
   * Copies the current record's payload into a segment, without making a view.
   *
   * @param target where to copy
   * @param targetOffset the first byte written
   * @throws IllegalStateException when there is no current record
   * @throws IndexOutOfBoundsException when the payload does not fit
   */
  public void copyRecordTo(MemorySegment target, long targetOffset) {
    ensureRecord();
    MemorySegment.copy(buffer.segment(), recordStart, target, targetOffset, recordLength);
  }

  /**
   * Returns the byte offset of the current record's header in the uncompressed stream.
   *
   * @return the offset
   * @throws IllegalStateException when there is no current record
   */
  public long offset() {
    ensureRecord();
    return recordOffset;
  }

  /**
   * Returns the 0-based index of the current record in the stream.
   *
   * @return the index
   * @throws IllegalStateException when there is no current record
   */
  public long index() {
    ensureRecord();
    return recordIndex;
  }

  /**
   * Returns the name used for this stream in messages.
   *
   * @return the source's name
   */
  public String source() {
    return source;
  }

  private void ensureRecord() {
    ensureOpen();
    if (recordLength < 0) {
      throw new IllegalStateException(
          source + ": no current record (expected: next() or readAt() returned true)");
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(source + ": the reader is closed");
    }
  }

  /** Closes the source and frees the buffer. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    recordLength = -1;
    try (channel) {
      buffer.close();
    } finally {
      if (inflater != null) {
        inflater.end();
      }
      if (ownBudget != null) {
        ownBudget.close();
      }
    }
  }
}
