package dev.stoker.convert.cli;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The conversion options {@code tfrecord-convert} and the Spark job share, declared once for
 * picocli and checked in one place, so that both tools accept the same values and reject a bad one
 * with the same line. A tool adds them to its command as a {@link Mixin}; once picocli has filled
 * them, {@link #options} checks every value and every combination and builds the {@link
 * ConvertOptions}.
 *
 * <pre>{@code
 * @Mixin ConvertSettings settings = new ConvertSettings();
 * @Option(names = "--out", required = true, paramLabel = "DIR") String out = "";
 * ...
 * Path dir = Path.of(ConvertSettings.outFolder(out));
 * ConvertOptions options = settings.options(inputs, dir, "data", workers);
 * }</pre>
 *
 * <p>What each tool keeps: the {@code INPUT} operands and {@code --out}, which each reads its own
 * way (local paths; Hadoop paths and URIs), the default of {@code --name}, and the options only it
 * has ({@code tfrecord-convert}'s {@code --workers} and {@code --input-format}). The check of
 * {@code --out} is here all the same ({@link #outFolder}).
 *
 * <p>Messages read {@code --name=value (expected: …)}; when several values are wrong, the first in
 * this order is reported: {@code --shards} with {@code --shard-size}, {@code --shards}, {@code
 * --shard-size}, {@code --seed}, {@code --split}, {@code --compression} (alone, then with {@code
 * --index}), {@code --max-side}, {@code --quality} (without {@code --max-side}, then its range),
 * {@code --name}.
 *
 * <p>One instance per parse; not thread-safe.
 */
public final class ConvertSettings {
  /** The most shards a split may have. */
  private static final int MAX_SHARDS = 100_000;

  /** The largest {@code --max-side}: a JPEG's largest dimension. */
  private static final int MAX_SIDE = 65_535;

  /** The JPEG quality of re-encoded images when {@code --quality} is not given. */
  private static final int DEFAULT_QUALITY = 90;

  private static final List<String> COMPRESSIONS = List.of("none", "gzip", "zlib");

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "shard name prefix (default: the input folder's name, else \"data\")")
  @Nullable String name;

  @Option(
      names = "--shards",
      paramLabel = "N",
      description = "N shards for the largest split, proportionally fewer for the others")
  @Nullable String shards;

  @Option(
      names = "--shard-size",
      paramLabel = "K",
      description = "K images per shard (default: 1024); not with --shards")
  @Nullable String shardSize;

  @Option(
      names = "--split",
      paramLabel = "T,V,S",
      description =
          "seeded split into train/validation/test by fractions summing to 1, decided per file"
              + " exactly as Stoker's FolderSource decides it")
  @Nullable String split;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "seed of the split and of the shuffle across shards (default: 0)")
  @Nullable String seed;

  @Option(
      names = "--compression",
      paramLabel = "C",
      description = "none, gzip or zlib (default: none)")
  @Nullable String compression;

  @Option(
      names = "--index",
      description = "write a DALI index (FILE.idx) beside each uncompressed shard")
  boolean index;

  @Option(
      names = "--max-side",
      paramLabel = "N",
      description = "re-encode images whose longer side exceeds N pixels, as JPEG")
  @Nullable String maxSide;

  @Option(
      names = "--quality",
      paramLabel = "Q",
      description = "JPEG quality of re-encoded images, 1 to 100 (default: 90)")
  @Nullable String quality;

  @Option(
      names = "--baseline",
      description = "rewrite progressive JPEGs as baseline, losslessly (libjpeg-turbo)")
  boolean baseline;

  @Option(names = "--overwrite", description = "replace existing output (never touched otherwise)")
  boolean overwrite;

  @Option(
      names = "--strict",
      description = "stop at the first unreadable image instead of skipping it")
  boolean strict;

  /** Creates the settings with every option absent, as picocli expects of a mixin. */
  public ConvertSettings() {}

  /**
   * Tells whether {@code --name} was given.
   *
   * @return false when the shards are named by the tool's default
   */
  public boolean nameGiven() {
    return name != null;
  }

  /**
   * Checks the values picocli read and makes the conversion's options.
   *
   * @param inputs the input operands, as the tool checked them
   * @param out the output folder
   * @param defaultName the shard name prefix when {@code --name} is not given: the tool's default
   * @param workers how many threads check and encode images
   * @return the options
   * @throws UsageException when a value, or a combination of values, is wrong
   */
  public ConvertOptions options(List<String> inputs, Path out, String defaultName, int workers)
      throws UsageException {
    if (this.shards != null && this.shardSize != null) {
      throw new UsageException(
          "--shards=" + this.shards + " (expected: either --shards or --shard-size, not both)");
    }
    int shards = OptionValues.intIn("--shards", this.shards, 1, MAX_SHARDS, 0);
    long shardSize =
        OptionValues.longIn(
            "--shard-size",
            this.shardSize,
            1,
            Integer.MAX_VALUE,
            ConvertOptions.DEFAULT_SHARD_SIZE);
    long seed = OptionValues.longIn("--seed", this.seed, Long.MIN_VALUE, Long.MAX_VALUE, 0);
    SplitFractions split = split(this.split, seed);
    TfRecordCompression compression =
        TfRecordCompression.valueOf(
            OptionValues.choice("--compression", this.compression, COMPRESSIONS, "none")
                .toUpperCase(Locale.ROOT));
    if (index && compression != TfRecordCompression.NONE) {
      throw new UsageException(
          "--compression="
              + this.compression
              + " (expected: none with --index: an index addresses an uncompressed file)");
    }
    int maxSide = OptionValues.intIn("--max-side", this.maxSide, 1, MAX_SIDE, 0);
    if (this.quality != null && maxSide == 0) {
      throw new UsageException(
          "--quality="
              + this.quality
              + " (expected: --max-side as well: only re-encoded images have a quality)");
    }
    int quality = OptionValues.intIn("--quality", this.quality, 1, 100, DEFAULT_QUALITY);
    return new ConvertOptions(
        inputs,
        out,
        name(name == null ? defaultName : name),
        shards,
        shardSize,
        split,
        seed,
        compression,
        index,
        maxSide,
        quality,
        baseline,
        workers,
        overwrite,
        strict);
  }

  /**
   * Checks {@code --out}.
   *
   * @param out its text
   * @return {@code out}
   * @throws UsageException when it is empty
   */
  public static String outFolder(String out) throws UsageException {
    if (out.isEmpty()) {
      throw new UsageException("--out= (expected: the output folder)");
    }
    return out;
  }

  /**
   * Checks a shard name prefix: part of a file name on a local disk and in a Hadoop path alike.
   *
   * @param name {@code --name}, or the tool's default
   * @return {@code name}
   * @throws UsageException when it is empty, holds {@code /} or {@code :}, or starts with a dot
   */
  public static String name(String name) throws UsageException {
    if (name.isEmpty() || name.contains("/") || name.contains(":") || name.startsWith(".")) {
      throw new UsageException(
          "--name=" + name + " (expected: a file-name prefix without /, : or a leading dot)");
    }
    return name;
  }

  private static @Nullable SplitFractions split(@Nullable String value, long seed)
      throws UsageException {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(",", -1);
    if (parts.length == 3) {
      try {
        return new SplitFractions(
            Double.parseDouble(parts[0].trim()),
            Double.parseDouble(parts[1].trim()),
            Double.parseDouble(parts[2].trim()),
            seed);
      } catch (IllegalArgumentException e) {
        // reported below; NumberFormatException is one
      }
    }
    throw new UsageException(
        "--split=" + value + " (expected: three fractions T,V,S from 0 to 1, summing to 1)");
  }
}
