package dev.stoker.convert;

import dev.stoker.io.Cursor;
import dev.stoker.io.EpochPlan;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.ParquetOptions;
import dev.stoker.io.source.ParquetSource;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parquet shards in the Hugging Face image layout ({@code image} struct with {@code bytes}, integer
 * {@code label}), read through io's {@link ParquetSource}. A split decides each row by its
 * dataset-wide sample id with {@link SplitFractions#subsetOf}, so the same files and seed always
 * give the same parts.
 *
 * <p>A distributed job plans on its driver with {@link #readOrder()}, {@link #splitOf} and {@link
 * #parts()}, and reads each file in a task with {@link #openPart}: samples and skips then carry the
 * ids, labels, names and reasons that {@link #feed} over the whole dataset gives them.
 */
public final class ParquetFeed implements SampleFeed {
  /**
   * One file of the dataset and the sample ids its rows take.
   *
   * @param location the file, in the feed's storage
   * @param firstId the sample id of its first row
   * @param rows its row count
   */
  public record Part(String location, long firstId, long rows) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
  }

  private final ParquetSource source;
  private final @Nullable SplitFractions split;
  private final long seed;
  private final long firstId;

  private ParquetFeed(
      ParquetSource source, @Nullable SplitFractions split, long seed, long firstId) {
    this.source = source;
    this.split = split;
    this.seed = seed;
    this.firstId = firstId;
  }

  /**
   * Opens Parquet shards.
   *
   * @param files the shards, in order
   * @param split the seeded split by sample id, or null for one split
   * @param seed the seed of the read order
   * @return the feed, which the caller closes
   * @throws IOException when a shard cannot be opened or is not in the image layout
   */
  public static ParquetFeed open(List<String> files, @Nullable SplitFractions split, long seed)
      throws IOException {
    return new ParquetFeed(
        ParquetSource.open(ParquetOptions.builder(files).build()), split, seed, 0);
  }

  /**
   * Opens Parquet shards in any storage (local, or a Hadoop file system).
   *
   * @param files the shards, in order
   * @param storage where they live
   * @param split the seeded split by sample id, or null for one split
   * @param seed the seed of the read order
   * @return the feed, which the caller closes
   * @throws IOException when a shard cannot be opened or is not in the image layout
   */
  public static ParquetFeed open(
      List<String> files, Storage storage, @Nullable SplitFractions split, long seed)
      throws IOException {
    return new ParquetFeed(
        ParquetSource.open(ParquetOptions.builder(files).storage(storage).build()), split, seed, 0);
  }

  /**
   * Opens one file of a dataset as {@link #parts()} described it. Its {@link #feed} gives each row
   * the dataset-wide id, split, {@code image/filename} and skip reason the whole dataset's feed
   * gives it, in the file's own order.
   *
   * @param part the file
   * @param storage where it lives
   * @param split the dataset's split, or null for one split
   * @param seed the seed of the read order
   * @return the feed, which the caller closes
   * @throws IOException when the file cannot be opened or is not in the image layout
   */
  public static ParquetFeed openPart(
      Part part, Storage storage, @Nullable SplitFractions split, long seed) throws IOException {
    return new ParquetFeed(
        ParquetSource.open(
            ParquetOptions.builder(List.of(part.location())).storage(storage).build()),
        split,
        seed,
        part.firstId());
  }

  /**
   * Returns the dataset's files and the sample ids of their rows.
   *
   * @return the files, in sample-id order
   */
  public List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    long first = firstId;
    List<String> files = source.files();
    for (int f = 0; f < files.size(); f++) {
      long rows = source.rows(f);
      parts.add(new Part(files.get(f), first, rows));
      first += rows;
    }
    return parts;
  }

  /**
   * Returns the sample ids in the order {@link #feed} reads them, without reading any row.
   *
   * @return the ids, one per sample
   */
  public int[] readOrder() {
    EpochPlan plan = source.plan(Cursor.start(seed, 0), Sharding.SINGLE);
    int[] order = new int[Math.toIntExact(plan.size())];
    for (int k = 0; k < order.length; k++) {
      order[k] = Math.toIntExact(firstId + plan.sampleAt(k));
    }
    return order;
  }

  /**
   * Returns the output split a sample falls into.
   *
   * @param id its dataset-wide sample id
   * @return the index of its split, as in {@link #splitNames()}
   */
  public int splitOf(long id) {
    return split == null ? 0 : splitOf(split, id);
  }

  @Override
  public List<String> splitNames() {
    if (split == null) {
      return List.of(Splits.name(Subset.TRAIN));
    }
    List<String> names = new ArrayList<>();
    for (Subset s : Subset.values()) {
      names.add(Splits.name(s));
    }
    return names;
  }

  @Override
  public long[] splitCounts() {
    long n = source.sampleCount().orElseThrow();
    if (split == null) {
      return new long[] {n};
    }
    long[] counts = new long[3];
    for (long id = firstId; id < firstId + n; id++) {
      counts[splitOf(split, id)]++;
    }
    return counts;
  }

  static int splitOf(SplitFractions split, long id) {
    return switch (split.subsetOf(Long.toString(id))) {
      case TRAIN -> 0;
      case VALIDATION -> 1;
      case TEST -> 2;
    };
  }

  @Override
  public List<String> labelNames() {
    return source.labelNames();
  }

  @Override
  public String kind() {
    return "parquet";
  }

  @Override
  public void feed(SampleSink sink) throws IOException, InterruptedException {
    StreamDrain.drain(
        source,
        firstId,
        seed,
        this::splitOf,
        stream -> Path.of(stream.source()).getFileName() + "#" + stream.samplePosition(),
        sink);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
