package dev.stoker.convert;

import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes one shard from its planned samples, in arrival order, with the rules {@code
 * tfrecord-convert} applies: each image decoded strictly and skipped with its reason when
 * unreadable, re-encoded by {@code --max-side}/{@code --quality} or made baseline by {@code
 * --baseline}, written as an Example of the conversion schema, the shard committed under its final
 * name only when whole. Given the same samples it writes the same bytes as {@link Converter}, which
 * is what lets a distributed job split the work by shard. Stateless; each call uses the calling
 * thread only.
 */
public final class ShardWriter {
  private ShardWriter() {}

  /** Reads a planned sample's encoded bytes; an {@link IOException} skips the sample. */
  @FunctionalInterface
  public interface SampleReader {
    /**
     * Reads a sample.
     *
     * @param sample the sample
     * @return its bytes
     * @throws IOException when it cannot be read; the message is the skip reason
     */
    byte[] read(PlannedSample sample) throws IOException;
  }

  /**
   * A skipped sample with its place in the split's order, so skips from many shards can be put back
   * in input order.
   *
   * @param split the index of its split
   * @param arrival its place in the split's order
   * @param where the file it came from
   * @param reason why it was skipped
   */
  public record PlannedSkip(int split, long arrival, String where, String reason)
      implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
  }

  /**
   * A written shard and the samples it skipped.
   *
   * @param summary the committed shard
   * @param skipped the skipped samples, in arrival order
   */
  public record Outcome(ShardSummary summary, List<PlannedSkip> skipped) implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    /** Copies the skips. */
    public Outcome {
      skipped = List.copyOf(skipped);
    }
  }

  /**
   * Writes and commits one shard (and its DALI index with {@code options.index()}) at {@code file};
   * on failure nothing is left under the final name.
   *
   * @param samples the shard's samples, in arrival order, iterated once (so a distributed job may
   *     stream them)
   * @param reader reads each sample's bytes
   * @param file the shard's final path; its temporary file is a hidden sibling
   * @param labelNames the class names, for {@code image/class/text}
   * @param options the conversion's options
   * @return the committed shard and its skips
   * @throws IOException when writing fails, or {@code --baseline} finds no libjpeg-turbo
   * @throws InterruptedException when the thread is interrupted
   */
  public static Outcome write(
      Iterable<PlannedSample> samples,
      SampleReader reader,
      Path file,
      List<String> labelNames,
      ConvertOptions options)
      throws IOException, InterruptedException {
    TfRecordWriterOptions.Builder writerOptions =
        TfRecordWriterOptions.builder().compression(options.compression()).bufferSize(64 << 10);
    Path index = options.index() ? Path.of(file + ".idx") : null;
    JpegTransformer transformer = options.baseline() ? TurboJpegTransformer.open() : null;
    List<PlannedSkip> skipped = new ArrayList<>();
    boolean committed = false;
    // The shard's records wait in a hidden spill file beside it, as in Converter, until commit.
    try (RecordSpill spill =
            new RecordSpill(file.resolveSibling("." + file.getFileName() + ".records.partial"));
        RecordEncoder encoder =
            new RecordEncoder(1, labelNames, options.maxSide(), options.quality(), transformer)) {
      OutputShard shard = new OutputShard(file, index, spill, writerOptions);
      try {
        for (PlannedSample p : samples) {
          byte[] bytes;
          try {
            bytes = reader.read(p);
          } catch (IOException e) {
            skipped.add(new PlannedSkip(p.split(), p.arrival(), p.location(), reason(e)));
            continue;
          }
          EncodedSample e =
              encoder.encode(
                  new InputSample(p.split(), p.id(), p.label(), p.filename(), bytes, false));
          byte[] record = e.record();
          if (record == null) {
            String why = e.skipReason();
            skipped.add(
                new PlannedSkip(p.split(), p.arrival(), p.filename(), why == null ? "?" : why));
            continue;
          }
          shard.write(record, p.label());
        }
        shard.commit();
        committed = true;
        return new Outcome(shard.summary(), skipped);
      } finally {
        if (!committed) {
          shard.abort();
        }
      }
    }
  }

  private static String reason(IOException e) {
    @Nullable String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
