package dev.stoker.convert;

import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code tfrecord-convert} was asked to do, validated by the tool that reads them ({@code
 * tfrecord-convert}, the Spark job).
 *
 * @param inputs the input folder, or the Parquet or TFRecord shards
 * @param out the output folder
 * @param name the shards' name prefix
 * @param shards the shard count of the largest split, or 0 to use {@code shardSize}
 * @param shardSize the samples per shard when {@code shards} is 0
 * @param split the seeded split by fractions, or null to keep the input's parts
 * @param seed the seed of the split and of the shuffle across shards
 * @param compression the shards' compression
 * @param index whether to write DALI index files
 * @param maxSide re-encode images whose longer side exceeds this, or 0 to keep every image's bytes
 * @param quality the JPEG quality of re-encoded images, 1 to 100
 * @param baseline whether progressive JPEGs are rewritten as baseline, losslessly
 * @param workers how many threads check and encode images
 * @param overwrite whether existing output may be replaced
 * @param strict whether an unreadable image stops the run
 */
public record ConvertOptions(
    List<String> inputs,
    Path out,
    String name,
    int shards,
    long shardSize,
    @Nullable SplitFractions split,
    long seed,
    TfRecordCompression compression,
    boolean index,
    int maxSide,
    int quality,
    boolean baseline,
    int workers,
    boolean overwrite,
    boolean strict) {
  /** The default samples per shard. */
  public static final long DEFAULT_SHARD_SIZE = 1024;

  /** Copies the inputs. */
  public ConvertOptions {
    inputs = List.copyOf(inputs);
  }

  /**
   * Tells whether images are decoded and written again rather than copied.
   *
   * @return true when re-encoding or baseline conversion is on
   */
  public boolean rewritesImages() {
    return maxSide > 0 || baseline;
  }
}
