package dev.stoker.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.tfrecord.TfRecordCompression;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Spark job's command line: tfrecord-convert's names and defaults, errors in one form. */
class SparkConvertArgsTest {
  @Test
  void readsTfrecordConvertsOptions() {
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
  void takesSeveralParquetFilesNamedDataByDefaultAsTfrecordConvertDoes() {
    SparkConvertArgs a =
        SparkConvertArgs.parse(
            List.of("s3a://b/train-0.parquet", "s3a://b/train-1.parquet", "--out", "s3a://b/out"));

    assertThat(a.options().inputs())
        .containsExactly("s3a://b/train-0.parquet", "s3a://b/train-1.parquet");
    assertThat(a.options().name()).isEqualTo("data");
  }

  @Test
  void rejectsBadOptionsNamingTheOptionAndWhatIsExpected() {
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("in")))
        .hasMessage("--out= (expected: the output folder)");
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("in", "--out", "o", "--shards", "0")))
        .hasMessage("--shards=0 (expected: an integer from 1 to 100000)");
    assertThatThrownBy(
            () -> SparkConvertArgs.parse(List.of("in", "--out", "o", "--split", "0.5,0.5")))
        .hasMessage("--split=0.5,0.5 (expected: three fractions T,V,S summing to 1)");
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("in", "--out", "o", "--quality=80")))
        .hasMessage("--quality=80 (expected: --max-side as well)");
    assertThatThrownBy(
            () ->
                SparkConvertArgs.parse(
                    List.of("in", "--out", "o", "--index", "--compression", "gzip")))
        .hasMessage(
            "--compression=gzip (expected: none with --index: an index addresses an uncompressed"
                + " file)");
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("a", "b", "--out", "o")))
        .hasMessage("INPUT=a b (expected: one image folder, or Parquet files)");
    assertThatThrownBy(() -> SparkConvertArgs.parse(List.of("a.parquet", "b", "--out", "o")))
        .hasMessage("INPUT=a.parquet b (expected: one image folder, or Parquet files)");
  }
}
