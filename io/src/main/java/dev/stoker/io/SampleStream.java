package dev.stoker.io;

import dev.stoker.core.error.SamplePosition;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * One rank's samples of one epoch, in planned order: a cursor over encoded samples.
 *
 * <pre>{@code
 * try (SampleStream stream = source.open(Cursor.start(seed, epoch), sharding)) {
 *   while (true) {
 *     try {
 *       if (!stream.next()) break;
 *     } catch (SampleReadException e) {
 *       policy.handle(e.error(), log);           // throws under FAIL_FAST
 *       if (!e.canContinue()) break;
 *       continue;
 *     }
 *     consume(stream.sampleId(), stream.label(), stream.bytes());
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #next()} advances to the next planned sample and returns false at the end of this
 * rank's share; the accessors then describe the current sample. The {@link #bytes()} segment is a
 * view that stays valid only until the next call to {@code next()} or {@code close()}: copy what
 * you keep. Its size never exceeds the source's {@code maxSampleBytes}, which is checked against
 * the size recorded in the file before anything is allocated or read.
 *
 * <p>{@link #position()} counts the samples this stream has moved past, good or bad, from the
 * epoch's start; {@code new Cursor(seed, epoch, position())} reopens the stream exactly here.
 *
 * <p><b>Ownership and threading.</b> The caller of {@link Source#open} owns the stream and closes
 * it. A stream is confined to one thread at a time; it may be handed over between threads with a
 * happens-before edge. Several streams of one source may run at once on different threads. {@code
 * close()} is idempotent and releases every file and buffer; after it, {@code next()} throws {@link
 * IllegalStateException}.
 */
public interface SampleStream extends AutoCloseable {
  /**
   * What {@link #size()} returns when the stream does not know how many samples its share holds: a
   * source that starts before counting (a TFRecord source with {@code Counting.NONE}) learns it
   * only at the end, when {@link #next()} returns false.
   */
  long UNKNOWN_SIZE = -1;

  /**
   * Advances to the next planned sample.
   *
   * @return true when there is a current sample, false at the end of this rank's share
   * @throws SampleReadException when this one sample is bad (see {@link
   *     SampleReadException#canContinue()})
   * @throws IOException when the storage fails in a way not tied to one sample
   */
  boolean next() throws IOException;

  /**
   * Returns how many samples this rank reads this epoch, in all, good or bad.
   *
   * @return the per-rank count of the plan, or {@link #UNKNOWN_SIZE} when the source did not count
   *     its samples
   */
  long size();

  /**
   * Returns how many samples of the epoch this stream has moved past, including the current one.
   *
   * @return the cursor position at which a reopened stream continues after the current sample
   */
  long position();

  /**
   * Returns the current sample's dataset-wide id: the same whatever the rank, order or epoch, and
   * the key of every random choice made for it.
   *
   * @return the sample id
   */
  long sampleId();

  /**
   * Returns the current sample's label, an index into {@link Source#labelNames()} when the source
   * knows the names.
   *
   * @return the label
   */
  long label();

  /**
   * Returns the current sample's encoded bytes (a JPEG or PNG file, as stored). Valid until the
   * next call to {@link #next()} or {@link #close()}. The segment may be on or off the heap.
   *
   * @return a read-only view of the bytes
   */
  MemorySegment bytes();

  /**
   * Returns the file the current sample came from, for error reports.
   *
   * @return the location
   */
  String source();

  /**
   * Returns where in {@link #source()} the current sample lies.
   *
   * @return the position
   */
  SamplePosition samplePosition();

  /**
   * Lends the stream memory for the samples it reads from now on. A stream that reads each sample
   * in one piece (the folder source's) puts the bytes there, and {@link #bytes()} is a view of it;
   * other streams ignore the loan, as this default does, and the caller copies from {@link
   * #bytes()} as before. Either way {@link #bytes()} holds the sample.
   *
   * @param memory where the next samples' bytes may go
   */
  default void readInto(SampleMemory memory) {}

  /** Releases every file and buffer of the stream. Idempotent. */
  @Override
  void close() throws IOException;
}
