package dev.stoker.bench.report;

import dev.stoker.core.Checks;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code stoker bench} runs: the mode, the two jobs' sources, the job shape and where the
 * results go.
 *
 * @param quick quick mode (one short iteration per benchmark, under a minute) or full mode
 * @param source job G's source: a TFRecord shard or a folder of JPEGs, or null to generate an
 *     ImageNet-like data set ({@link dev.stoker.bench.data.DatasetRecipe#imageNetLike()})
 * @param photos job P's source: a TFRecord shard or a folder of JPEGs, or null to generate a
 *     photo-like one ({@link dev.stoker.bench.data.DatasetRecipe#photoLike()})
 * @param out the folder the report, the JMH JSON and the chart are written to
 * @param size the output side in pixels
 * @param batch images per batch of job G
 * @param photoBatch images per batch of job P
 * @param workers decode threads of every engine
 * @param prefetch batches prefetched by every engine
 * @param limit the most images taken from a folder
 * @param stepMillis the paced consumer's training step per batch, parked; 0 sizes it so that the
 *     consumer needs 70 % of the best hand-picked configuration's capacity
 * @param forks JMH forks per benchmark (0 runs in this JVM; only for smoke tests)
 * @param iterationMillis the length of quick mode's measured iteration (its warm-up is half)
 */
public record BenchSettings(
    boolean quick,
    @Nullable String source,
    @Nullable String photos,
    Path out,
    int size,
    int batch,
    int photoBatch,
    int workers,
    int prefetch,
    int limit,
    int stepMillis,
    int forks,
    int iterationMillis) {

  /** Checks the values. */
  public BenchSettings {
    Checks.require(size > 0, "size", size, "> 0");
    Checks.require(batch > 0, "batch", batch, "> 0");
    Checks.require(photoBatch > 0, "photo-batch", photoBatch, "> 0");
    Checks.require(iterationMillis > 0, "iteration-ms", iterationMillis, "> 0");
    Checks.require(workers > 0, "workers", workers, "> 0");
    Checks.require(prefetch > 0, "prefetch", prefetch, "> 0");
    Checks.require(limit > 0, "limit", limit, "> 0");
    Checks.require(stepMillis >= 0, "step-ms", stepMillis, ">= 0");
    Checks.require(forks >= 0, "forks", forks, ">= 0");
  }

  /**
   * The defaults: full mode over generated data (cached under the output folder), 224×224, batch 64
   * (16 for the photos, which decode 10× slower), as many workers as cores, prefetch 4, the paced
   * step sized from the sweep, results in {@code bench-results}.
   *
   * @return the settings
   */
  public static BenchSettings defaults() {
    return new BenchSettings(
        false,
        null,
        null,
        Path.of("bench-results"),
        224,
        64,
        16,
        Runtime.getRuntime().availableProcessors(),
        4,
        1_000_000,
        0,
        1,
        1000);
  }

  /**
   * Returns the worker counts of the sweep: 1, 2 and 4 in full mode (and the configured count), 1
   * and the configured count in quick mode.
   *
   * @return the worker counts
   */
  public List<Integer> sweepWorkers() {
    return quick
        ? List.of(1, Math.max(2, workers)).stream().distinct().toList()
        : java.util.stream.Stream.of(1, 2, 4, workers).distinct().sorted().toList();
  }

  /**
   * Returns the prefetch depths of the sweep.
   *
   * @return the depths
   */
  public List<Integer> sweepPrefetch() {
    return quick ? List.of(prefetch) : List.of(1, 2, 4, 8);
  }
}
