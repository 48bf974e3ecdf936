package dev.stoker.spark;

import dev.stoker.convert.cli.ConvertSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The Spark job's options as picocli fills them: {@code tfrecord-convert}'s, declared once in
 * {@link ConvertSettings}, with the job's own {@code INPUT}, {@code --out} and {@code --name}.
 * picocli checks the syntax ({@code --name value} or {@code --name=value}, known options, values
 * present, {@code --out} given once); {@link SparkConvertArgs#of} has the values checked. One
 * instance per parse; not thread-safe.
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

  @Mixin ConvertSettings settings = new ConvertSettings();
}
