package dev.stoker.convert;

import dev.stoker.io.source.ParquetOptions;
import dev.stoker.io.source.ParquetSource;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parquet shards in the Hugging Face image layout ({@code image} struct with {@code bytes}, integer
 * {@code label}), read through io's {@link ParquetSource}. A split decides each row by its
 * dataset-wide sample id with {@link SplitFractions#subsetOf}, so the same files and seed always
 * give the same parts.
 */
public final class ParquetFeed implements SampleFeed {
  private final ParquetSource source;
  private final @Nullable SplitFractions split;
  private final long seed;

  private ParquetFeed(ParquetSource source, @Nullable SplitFractions split, long seed) {
    this.source = source;
    this.split = split;
    this.seed = seed;
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
    return new ParquetFeed(ParquetSource.open(ParquetOptions.builder(files).build()), split, seed);
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
    for (long id = 0; id < n; id++) {
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
    SplitFractions s = split;
    StreamDrain.drain(
        source,
        seed,
        id -> s == null ? 0 : splitOf(s, id),
        stream -> Path.of(stream.source()).getFileName() + "#" + stream.samplePosition(),
        sink);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
