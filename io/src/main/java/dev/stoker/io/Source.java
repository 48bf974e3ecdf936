package dev.stoker.io;

import dev.stoker.core.memory.MemoryBudget;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A dataset: its samples, their labels, and how to read them in a planned order.
 *
 * <p>A source is built once per job (listing files, reading footers or index files: bad input is
 * reported here, naming the path and the reason) and then opens one {@link SampleStream} per epoch
 * and reader:
 *
 * <pre>{@code
 * try (Source source = FolderSource.open(FolderOptions.builder("/data/flowers").build())) {
 *   for (long epoch = 0; epoch < epochs; epoch++) {
 *     try (SampleStream stream = source.open(Cursor.start(seed, epoch), sharding)) {
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Every implementation plans epochs with {@link EpochPlan} (a TFRecord source that did not count
 * its shards runs {@link EpochPlan.Mode#UNITS}' interleave as it reads): a stream opened with the
 * same cursor, sharding and {@link EpochOrder} yields the same samples in the same order, on any
 * machine and any run.
 *
 * <p><b>Ownership and threading.</b> Whoever opens a source closes it, after closing every stream
 * it opened. A source is thread-safe: any thread may call {@link #open} at any time, and the
 * streams are independent. {@code close()} is idempotent; after it, {@code open} throws {@link
 * IllegalStateException}.
 */
public interface Source extends AutoCloseable {
  /**
   * Returns a short name for messages: the dataset's root or first shard.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the class names, indexed by label. Empty when the source does not know them (a TFRecord
   * or Parquet dataset without label metadata); labels are then plain numbers.
   *
   * @return the names, immutable
   */
  List<String> labelNames();

  /**
   * Returns how many samples the dataset holds, before sharding, when the source knows it without
   * reading the data.
   *
   * @return the count, or empty
   */
  OptionalLong sampleCount();

  /**
   * Tells whether the source reads any sample at any time, so its epochs are a permutation of
   * samples ({@link EpochPlan.Mode#SAMPLES}) rather than of shards plus an interleave.
   *
   * @return true for random access
   */
  boolean isRandomAccess();

  /**
   * Opens a stream over this rank's samples of a shuffled epoch, starting at the cursor's position:
   * {@link #open(Cursor, Sharding, EpochOrder)} with {@link EpochOrder#SHUFFLED}.
   *
   * @param cursor the seed, epoch and position
   * @param sharding this process's share
   * @return a stream the caller owns
   * @throws IOException when the storage fails
   * @throws IllegalArgumentException when the cursor's position is past this rank's share
   */
  default SampleStream open(Cursor cursor, Sharding sharding) throws IOException {
    return open(cursor, sharding, EpochOrder.SHUFFLED);
  }

  /**
   * Opens a stream over this rank's samples of an epoch, starting at the cursor's position.
   *
   * @param cursor the seed, epoch and position
   * @param sharding this process's share
   * @param order shuffled by the cursor's seed and epoch, or in sample-id order
   * @return a stream the caller owns
   * @throws IOException when the storage fails
   * @throws IllegalArgumentException when the cursor's position is past this rank's share
   */
  SampleStream open(Cursor cursor, Sharding sharding, EpochOrder order) throws IOException;

  /**
   * Opens a stream as {@link #open(Cursor, Sharding, EpochOrder)} does, drawing the stream's
   * off-heap buffers (a TFRecord reader's frame buffer, a folder stream's file buffer) from the
   * caller's budget, so that they are counted, limited and checked for leaks with the caller's
   * other memory. A pipeline passes its reader's budget here. Without a budget, a stream that needs
   * off-heap memory makes a budget of its own, limited by the source's {@code maxSampleBytes}, and
   * closes it with itself.
   *
   * <p>The default ignores the budget: right for a source whose streams hold no off-heap memory
   * (Parquet reads its pages on the heap).
   *
   * @param cursor the seed, epoch and position
   * @param sharding this process's share
   * @param order shuffled by the cursor's seed and epoch, or in sample-id order
   * @param budget where the stream's off-heap buffers come from, or null for a budget of the
   *     stream's own; it must outlive the stream
   * @return a stream the caller owns
   * @throws IOException when the storage fails
   * @throws IllegalArgumentException when the cursor's position is past this rank's share
   * @throws dev.stoker.core.memory.BudgetExceededException when a buffer does not fit the budget
   */
  default SampleStream open(
      Cursor cursor, Sharding sharding, EpochOrder order, @Nullable MemoryBudget budget)
      throws IOException {
    return open(cursor, sharding, order);
  }

  /** Releases what the source holds. Idempotent. */
  @Override
  void close() throws IOException;
}
