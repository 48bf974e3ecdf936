package dev.stoker.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.convert.cli.BadConvertLines;
import dev.stoker.convert.cli.UsageException;
import dev.stoker.tfrecord.TfRecordCompression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Spark job's command line: tfrecord-convert's names and defaults, errors in one form. */
class SparkConvertArgsTest {
  @Test
  void readsTfrecordConvertsOptions() throws UsageException {
    SparkConvertArgs a =
        SparkConvertArgs.parse(
            List.of(
                "hdfs://nn/data/flowers/",
                "--out",
                "hdfs://nn/out",
                "--split=0.8,0.1,0.1",
                "--seed",
                "7",
                "--shards",
                "16",
                "--index",
                "--max-side",
                "256",
                "--quality",
                "80"));

    assertThat(a.output()).isEqualTo("hdfs://nn/out");
    assertThat(a.options().inputs()).containsExactly("hdfs://nn/data/flowers/");
    assertThat(a.options().name()).isEqualTo("flowers");
    assertThat(a.defaultName()).isTrue();
    assertThat(SparkConvertArgs.renamed(a.options(), "data"))
        .isEqualTo(
            SparkConvertArgs.parse(
                    List.of(
                        "hdfs://nn/data/flowers/",
                        "--out",
                        "hdfs://nn/out",
                        "--split=0.8,0.1,0.1",
                        "--seed",
                        "7",
                        "--shards",
                        "16",
                        "--index",
                        "--max-side",
                        "256",
                        "--quality",
                        "80",
                        "--name",
                        "data"))
                .options());
    assertThat(a.options().shards()).isEqualTo(16);
    assertThat(a.options().seed()).isEqualTo(7);
    assertThat(a.options().split()).isNotNull();
    assertThat(a.options().index()).isTrue();
    assertThat(a.options().maxSide()).isEqualTo(256);
    assertThat(a.options().quality()).isEqualTo(80);
    assertThat(a.options().compression()).isEqualTo(TfRecordCompression.NONE);
  }

  @Test
  void takesSeveralParquetFilesNamedDataByDefaultAsTfrecordConvertDoes() throws UsageException {
    SparkConvertArgs a =
        SparkConvertArgs.parse(
            List.of("s3a://b/train-0.parquet", "s3a://b/train-1.parquet", "--out", "s3a://b/out"));

    assertThat(a.options().inputs())
        .containsExactly("s3a://b/train-0.parquet", "s3a://b/train-1.parquet");
    assertThat(a.options().name()).isEqualTo("data");
  }

  @Test
  void rejectsInputsTheJobCannotRead() {
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("a", "b", "--out", "o")))
        .isInstanceOf(UsageException.class)
        .hasMessage("INPUT=a b (expected: one image folder, or Parquet files)");
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("a.parquet", "b", "--out", "o")))
        .hasMessage("INPUT=a.parquet b (expected: one image folder, or Parquet files)");
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("--out", "o")))
        .hasMessage("INPUT= (expected: one image folder, or Parquet files)");
  }

  static List<BadConvertLines.Line> sharedConvertLines() {
    return BadConvertLines.all();
  }

  /**
   * The options the job shares with tfrecord-convert: the same bad line gets the same message from
   * both (cli's BadArgumentsTest runs the same lines through tfrecord-convert).
   */
  @ParameterizedTest
  @MethodSource("sharedConvertLines")
  void rejectsASharedOptionAsTfrecordConvertDoes(BadConvertLines.Line line) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add("hdfs://nn/data/flowers");
    argv.addAll(line.args("hdfs://nn/out"));

    Launched run = launch(argv.toArray(String[]::new));

    assertThat(run.status()).as(run.err()).isEqualTo(2);
    assertThat(run.jobs()).isEmpty();
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .containsExactly("stoker spark tfrecord-convert: " + line.message() + " (see --help)");
  }

  @Test
  void takesEqualsSyntaxAsTfrecordConvertDoes() throws UsageException {
    SparkConvertArgs spaced =
        SparkConvertArgs.parse(
            List.of(
                "hdfs://nn/data/flowers",
                "--out",
                "hdfs://nn/out",
                "--name",
                "petals",
                "--shard-size",
                "500",
                "--seed",
                "-3",
                "--compression",
                "gzip",
                "--max-side",
                "128"));
    SparkConvertArgs joined =
        SparkConvertArgs.parse(
            List.of(
                "hdfs://nn/data/flowers",
                "--out=hdfs://nn/out",
                "--name=petals",
                "--shard-size=500",
                "--seed=-3",
                "--compression=gzip",
                "--max-side=128"));

    assertThat(joined).isEqualTo(spaced);
    assertThat(joined.output()).isEqualTo("hdfs://nn/out");
    assertThat(joined.options().name()).isEqualTo("petals");
    assertThat(joined.defaultName()).isFalse();
    assertThat(joined.options().shardSize()).isEqualTo(500);
    assertThat(joined.options().seed()).isEqualTo(-3);
    assertThat(joined.options().compression()).isEqualTo(TfRecordCompression.GZIP);
    assertThat(joined.options().maxSide()).isEqualTo(128);
  }

  @Test
  void readsValuesAsLenientlyAsTfrecordConvertDoes() throws UsageException {
    SparkConvertArgs a =
        SparkConvertArgs.parse(
            List.of("in", "--out", "o", "--compression", "ZLIB", "--seed", " 7 ", "--shards= 3"));

    assertThat(a.options().compression()).isEqualTo(TfRecordCompression.ZLIB);
    assertThat(a.options().seed()).isEqualTo(7);
    assertThat(a.options().shards()).isEqualTo(3);
  }

  @Test
  void helpListsEveryOptionAndRunsNothing() throws IOException {
    Launched run = launch("--help");

    assertThat(run.status()).isZero();
    assertThat(run.jobs()).isEmpty();
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .startsWith("usage: spark-submit --class dev.stoker.spark.SparkConvert stoker-spark.jar")
        .contains(
            "INPUT", "--out=DIR", "--name=NAME", "--shards=N", "--shard-size=K", "--split=T,V,S")
        .contains("--seed=S", "--compression=C", "--index", "--max-side=N", "--quality=Q")
        .contains("--baseline", "--overwrite", "--strict", "--help", "--version", "Exit status");
    assertThat(launch("in", "--out", "o", "-h").out()).isEqualTo(run.out());
  }

  @Test
  void versionIsTheProjectVersion() throws IOException {
    // The version from the module's pom (its parent's), not from the code under test.
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m =
        Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    assertThat(m.find()).isTrue();

    Launched run = launch("--version");

    assertThat(run.status()).isZero();
    assertThat(run.jobs()).isEmpty();
    assertThat(run.out().strip()).isEqualTo("stoker spark tfrecord-convert " + m.group(1));
  }

  @Test
  void anUnknownOptionIsOneLineAndStatus2() throws IOException {
    Launched run = launch("in", "--out", "o", "--frobnicate=3");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.jobs()).isEmpty();
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines().toList())
        .containsExactly(
            "stoker spark tfrecord-convert: Unknown option: '--frobnicate=3' (see --help)");
    // tfrecord-convert's --workers has no meaning here: one task per shard.
    assertThat(launch("in", "--out", "o", "--workers", "2").err())
        .startsWith("stoker spark tfrecord-convert: Unknown option");
  }

  @Test
  void aGoodCommandLineRunsTheJobOnce() throws IOException {
    Launched run = launch("hdfs://nn/in", "--out=hdfs://nn/out", "--strict");

    assertThat(run.status()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEmpty();
    assertThat(run.jobs()).hasSize(1);
    assertThat(run.jobs().getFirst().output()).isEqualTo("hdfs://nn/out");
    assertThat(run.jobs().getFirst().options().strict()).isTrue();
    assertThat(run.jobs().getFirst().options().name()).isEqualTo("in");
  }

  private record Launched(int status, String out, String err, List<SparkConvertArgs> jobs) {}

  private static Launched launch(String... argv) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<SparkConvertArgs> jobs = new ArrayList<>();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = SparkConvertArgs.launch(List.of(argv), o, e, jobs::add);
    }
    return new Launched(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), jobs);
  }
}
