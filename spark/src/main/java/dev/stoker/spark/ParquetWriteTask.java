package dev.stoker.spark;

import dev.stoker.convert.PlannedSample;
import dev.stoker.convert.ShardWriter;
import java.io.IOException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * The second stage of a Parquet conversion: partition {@code i} holds shard job {@code i}'s rows,
 * sorted by arrival; writes and commits that shard with {@link ShardTask#write}, streaming the rows
 * one at a time. A row that could not be read becomes a skip with its file, row and reason, in its
 * place, as {@code tfrecord-convert} lists it.
 *
 * <p>Serializable, immutable; one call per task.
 */
final class ParquetWriteTask
    implements Function2<
        Integer, Iterator<Tuple2<Long, ParquetCell>>, Iterator<ShardWriter.Outcome>> {
  @Serial private static final long serialVersionUID = 1L;

  private final ShardTask writer;
  private final ArrayList<ShardJob> jobs;

  ParquetWriteTask(ShardTask writer, List<ShardJob> jobs) {
    this.writer = writer;
    this.jobs = new ArrayList<>(jobs);
  }

  @Override
  public Iterator<ShardWriter.Outcome> call(
      Integer partition, Iterator<Tuple2<Long, ParquetCell>> rows)
      throws IOException, InterruptedException {
    ShardJob job = jobs.get(partition);
    ParquetCell[] current = new ParquetCell[1];
    Iterable<PlannedSample> samples =
        () ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return rows.hasNext();
              }

              @Override
              public PlannedSample next() {
                Tuple2<Long, ParquetCell> row = rows.next();
                ParquetCell cell = row._2();
                current[0] = cell;
                String where = cell.where();
                return new PlannedSample(
                    job.split(),
                    ParquetPart.arrivalOf(row._1()),
                    cell.id(),
                    where == null ? cell.filename() : where,
                    cell.label(),
                    cell.filename());
              }
            };
    ShardWriter.SampleReader reader =
        sample -> {
          ParquetCell cell = current[0];
          String reason = cell.reason();
          if (reason != null) {
            throw new IOException(reason);
          }
          return cell.bytes();
        };
    return List.of(writer.write(job, samples, reader)).iterator();
  }
}
