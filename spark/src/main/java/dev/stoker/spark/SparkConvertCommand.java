package dev.stoker.spark;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark job's options as picocli fills them: {@code tfrecord-convert}'s names, parameter labels
 * and help, as text. picocli checks the syntax ({@code --name value} or {@code --name=value}, known
 * options, values present, {@code --out} given once); {@link SparkConvertArgs#of} checks what the
 * values mean. One instance per parse; not thread-safe.
 */
@Command(
    name = "spark-submit --class dev.stoker.spark.SparkConvert stoker-spark.jar",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    synopsisHeading = "usage: ",
    descriptionHeading = "%n",
    parameterListHeading = "%n",
    optionListHeading = "%noptions:%n",
    footerHeading = "%n",
    description = {
      "tfrecord-convert as a Spark job: an image folder or Hugging Face Parquet files on any Hadoop"
          + " file system into the same balanced TFRecord shards, DALI indexes and manifest.json,"
          + " one writing task per shard."
    },
    footer = {
      "The output is what tfrecord-convert writes for the same input and options. Unreadable"
          + " images are listed with their reason and skipped, or fail the job under --strict.",
      "",
      "Exit status: 0 done (skipped images are listed), 1 nothing written, an image skipped under"
          + " --strict, or an I/O error (the job fails), 2 a bad command line."
    })
final class SparkConvertCommand {
  @Parameters(
      paramLabel = "INPUT",
      description = {
        "an image folder: ROOT/<class>/<image>, or ROOT/train|val|test/<class>/<image>;",
        "or Hugging Face Parquet files (image {bytes, path}, label), globs allowed;",
        "a Hadoop path or URI (hdfs://, s3a://, gs://, file:)"
      })
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "output folder (required), a Hadoop path or URI")
  String out = "";

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
      description = "seeded split into train/validation/test by fractions summing to 1")
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
}
