package dev.stoker.spark;

import dev.stoker.convert.InputSample;
import dev.stoker.convert.ParquetFeed;
import dev.stoker.convert.SampleSink;
import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.source.SplitFractions;
import java.io.IOException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * The first stage of a Parquet conversion: reads one Parquet file with {@link ParquetFeed#openPart}
 * and keys each row (or its read failure) by its shard job and arrival, for the shuffle to deliver
 * to the task that writes the shard.
 *
 * <p>The file's rows are held on the heap until the task returns (a Hugging Face file is a few
 * hundred MB). Serializable, immutable; one call per task.
 */
final class ParquetReadTask implements PairFlatMapFunction<ParquetPart, Long, ParquetCell> {
  @Serial private static final long serialVersionUID = 1L;

  private final HashMap<String, String> hadoop;
  private final double @Nullable [] fractions;
  private final long seed;

  ParquetReadTask(Configuration conf, @Nullable SplitFractions split, long seed) {
    this.hadoop = new HashMap<>();
    for (Map.Entry<String, String> e : conf) {
      hadoop.put(e.getKey(), e.getValue());
    }
    this.fractions =
        split == null ? null : new double[] {split.train(), split.validation(), split.test()};
    this.seed = seed;
  }

  @Override
  public Iterator<Tuple2<Long, ParquetCell>> call(ParquetPart part)
      throws IOException, InterruptedException {
    Configuration conf = new Configuration(false);
    hadoop.forEach(conf::set);
    double[] f = fractions;
    SplitFractions split = f == null ? null : new SplitFractions(f[0], f[1], f[2], seed);
    List<Tuple2<Long, ParquetCell>> rows = new ArrayList<>();
    try (ParquetFeed feed =
        ParquetFeed.openPart(part.part(), new HadoopStorage(conf), split, seed)) {
      feed.feed(
          new SampleSink() {
            @Override
            public void accept(InputSample s) {
              rows.add(
                  new Tuple2<>(
                      part.key(s.id()),
                      new ParquetCell(s.id(), s.label(), s.filename(), s.bytes(), null, null)));
            }

            @Override
            public void skip(int split, long id, String where, String reason) {
              rows.add(
                  new Tuple2<>(
                      part.key(id), new ParquetCell(id, -1, where, new byte[0], where, reason)));
            }

            @Override
            public void skip(int split, String where, String reason) throws IOException {
              throw new IOException(where + ": a skipped row without its sample id: " + reason);
            }
          });
    }
    return rows.iterator();
  }
}
