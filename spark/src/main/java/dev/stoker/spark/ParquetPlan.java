package dev.stoker.spark;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.convert.Converter;
import dev.stoker.convert.ParquetFeed;
import dev.stoker.convert.ShardLayout;
import dev.stoker.convert.ShardWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The driver's plan of a Parquet conversion. {@link ParquetFeed#readOrder()} gives the order in
 * which {@code tfrecord-convert} reads the rows; counting each split's rows in that order gives
 * every row its arrival, and {@link ShardLayout} its shard, exactly as {@code Converter} assigns
 * them. Each file becomes a {@link ParquetPart} for the task that reads it.
 *
 * <p>Holds 16 bytes per row on the driver's heap (24 while it is built). Immutable after {@link
 * #of}.
 */
final class ParquetPlan {
  private final List<ShardJob> jobs;
  private final List<ParquetPart> parts;
  private final int[] positionOf;
  private final int[][] idByArrival;

  private ParquetPlan(
      List<ShardJob> jobs, List<ParquetPart> parts, int[] positionOf, int[][] idByArrival) {
    this.jobs = jobs;
    this.parts = parts;
    this.positionOf = positionOf;
    this.idByArrival = idByArrival;
  }

  static ParquetPlan of(ParquetFeed feed, ConvertOptions options) {
    List<String> splits = feed.splitNames();
    long[] counts = feed.splitCounts();
    int[] order = feed.readOrder();
    int[] positionOf = new int[order.length];
    int[] arrivalOf = new int[order.length];
    int[][] idByArrival = new int[splits.size()][];
    for (int s = 0; s < splits.size(); s++) {
      idByArrival[s] = new int[Math.toIntExact(counts[s])];
    }
    int[] next = new int[splits.size()];
    for (int k = 0; k < order.length; k++) {
      int id = order[k];
      int s = feed.splitOf(id);
      int a = next[s]++;
      positionOf[id] = k;
      arrivalOf[id] = a;
      idByArrival[s][a] = id;
    }
    List<@Nullable ShardLayout> layouts = SparkConvert.layouts(counts, options);
    List<ShardJob> jobs = new ArrayList<>();
    int[] firstJob = new int[splits.size()];
    for (int s = 0; s < splits.size(); s++) {
      firstJob[s] = jobs.size();
      ShardLayout layout = layouts.get(s);
      if (layout == null) {
        continue;
      }
      int[] planned = new int[layout.shards()];
      for (int a = 0; a < counts[s]; a++) {
        planned[layout.shardOf(a)]++;
      }
      for (int i = 0; i < layout.shards(); i++) {
        jobs.add(
            new ShardJob(
                s,
                i,
                Converter.shardName(options.name(), splits.get(s), i, layout.shards()),
                planned[i],
                List.of()));
      }
    }
    List<ParquetPart> parts = new ArrayList<>();
    for (ParquetFeed.Part part : feed.parts()) {
      int rows = Math.toIntExact(part.rows());
      int[] job = new int[rows];
      int[] arrival = new int[rows];
      for (int r = 0; r < rows; r++) {
        int id = Math.toIntExact(part.firstId() + r);
        int s = feed.splitOf(id);
        arrival[r] = arrivalOf[id];
        job[r] = firstJob[s] + Objects.requireNonNull(layouts.get(s)).shardOf(arrivalOf[id]);
      }
      parts.add(new ParquetPart(part, job, arrival));
    }
    return new ParquetPlan(List.copyOf(jobs), List.copyOf(parts), positionOf, idByArrival);
  }

  /** One job per shard, in split order then shard order. */
  List<ShardJob> jobs() {
    return jobs;
  }

  /** One part per file, in sample-id order. */
  List<ParquetPart> parts() {
    return parts;
  }

  /** Where a skipped row was read in {@code tfrecord-convert}'s single pass, for the skip list. */
  long position(ShardWriter.PlannedSkip skip) {
    return positionOf[idByArrival[skip.split()][Math.toIntExact(skip.arrival())]];
  }
}
