package dev.stoker.bench.peer;

import dev.stoker.core.Checks;
import java.util.List;

/**
 * The configuration of a {@link TfDataPipeline}, stated in the report beside every tf.data figure.
 *
 * @param files the TFRecord shards, read in this order
 * @param imageKey the bytes feature holding the JPEG
 * @param labelKey the int64 feature holding the label
 * @param size the output side in pixels
 * @param batch images per batch
 * @param parallelCalls the map's {@code num_parallel_calls}, or {@link #AUTOTUNE}
 * @param prefetch batches prefetched
 * @param threads intra- and inter-op parallelism of the session
 * @param repeat whether the dataset repeats forever
 * @param dctMethod {@code DecodeJpeg}'s {@code dct_method}: {@code "INTEGER_ACCURATE"} (libjpeg's
 *     {@code JDCT_ISLOW}, what Stoker's libjpeg-turbo decoder does) or {@code ""} (TensorFlow's
 *     default, {@code JDCT_IFAST})
 * @param ratio {@code DecodeJpeg}'s {@code ratio}: 1, 2, 4 or 8, the static DCT downscale a user
 *     who knows the images are large sets (1 decodes at full size)
 */
public record TfDataOptions(
    List<String> files,
    String imageKey,
    String labelKey,
    int size,
    int batch,
    int parallelCalls,
    int prefetch,
    int threads,
    boolean repeat,
    String dctMethod,
    int ratio) {
  /** tf.data's {@code AUTOTUNE}: the autotuner picks the map's parallelism. */
  public static final int AUTOTUNE = -1;

  /** Checks the values. */
  public TfDataOptions {
    files = List.copyOf(files);
    Checks.require(!files.isEmpty(), "files", files, "at least one shard");
    Checks.require(size > 0, "size", size, "> 0");
    Checks.require(batch > 0, "batch", batch, "> 0");
    Checks.require(
        parallelCalls > 0 || parallelCalls == AUTOTUNE,
        "parallelCalls",
        parallelCalls,
        "> 0 or -1");
    Checks.require(prefetch > 0, "prefetch", prefetch, "> 0");
    Checks.require(threads > 0, "threads", threads, "> 0");
    Checks.require(
        ratio == 1 || ratio == 2 || ratio == 4 || ratio == 8, "ratio", ratio, "1, 2, 4 or 8");
  }

  /**
   * Options for a repeating pipeline over some shards with Stoker's default feature keys, the map
   * parallelism, session threads and prefetch depth given, and the accurate integer IDCT.
   *
   * @param files the shards
   * @param size the output side
   * @param batch images per batch
   * @param workers the map's parallel calls and the session's threads
   * @param prefetch batches prefetched
   * @return the options
   */
  public static TfDataOptions of(
      List<String> files, int size, int batch, int workers, int prefetch) {
    return new TfDataOptions(
        files,
        "image/encoded",
        "image/class/label",
        size,
        batch,
        workers,
        prefetch,
        workers,
        true,
        "INTEGER_ACCURATE",
        1);
  }

  /**
   * Returns a copy with another map parallelism.
   *
   * @param calls {@code num_parallel_calls}, or {@link #AUTOTUNE}
   * @return the copy
   */
  public TfDataOptions withParallelCalls(int calls) {
    return new TfDataOptions(
        files, imageKey, labelKey, size, batch, calls, prefetch, threads, repeat, dctMethod, ratio);
  }

  /**
   * Returns a copy that reads the shards once.
   *
   * @return the copy
   */
  public TfDataOptions once() {
    return new TfDataOptions(
        files,
        imageKey,
        labelKey,
        size,
        batch,
        parallelCalls,
        prefetch,
        threads,
        false,
        dctMethod,
        ratio);
  }

  /**
   * Returns a copy with another IDCT.
   *
   * @param method {@code DecodeJpeg}'s {@code dct_method}
   * @return the copy
   */
  public TfDataOptions withDctMethod(String method) {
    return new TfDataOptions(
        files,
        imageKey,
        labelKey,
        size,
        batch,
        parallelCalls,
        prefetch,
        threads,
        repeat,
        method,
        ratio);
  }

  /**
   * Returns a copy with another static DCT downscale.
   *
   * @param r {@code DecodeJpeg}'s {@code ratio}
   * @return the copy
   */
  public TfDataOptions withRatio(int r) {
    return new TfDataOptions(
        files,
        imageKey,
        labelKey,
        size,
        batch,
        parallelCalls,
        prefetch,
        threads,
        repeat,
        dctMethod,
        r);
  }

  /**
   * Describes the configuration in one line for the report.
   *
   * @return the description
   */
  public String describe() {
    return "TFRecordDataset(V1) → ParallelMapDatasetV2(num_parallel_calls="
        + (parallelCalls == AUTOTUNE
            ? "AUTOTUNE, ModelDataset cpu_budget=" + threads
            : parallelCalls)
        + ", deterministic) [ParseSingleExample, DecodeJpeg(channels=3, dct_method="
        + (dctMethod.isEmpty() ? "default/IFAST" : dctMethod)
        + (ratio == 1 ? "" : ", ratio=" + ratio)
        + "), ResizeBilinear(half_pixel_centers), ×1/255] → BatchDatasetV2("
        + batch
        + ") → PrefetchDataset("
        + prefetch
        + "); intra_op=inter_op="
        + threads;
  }
}
