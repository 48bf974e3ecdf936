package dev.stoker.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.convert.Converter;
import dev.stoker.convert.Digests;
import dev.stoker.convert.FolderFeed;
import dev.stoker.convert.ParquetFeed;
import dev.stoker.convert.ShardWriter;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureView;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark job against {@code tfrecord-convert}'s engine on the same generated folder: same
 * shards, byte for byte, and the same manifest; and a task that fails half-way and is retried
 * leaves neither duplicates nor temporary files.
 */
class SparkConvertTest {
  private static final int CLASSES = 3;
  private static final int PER_CLASS = 16;

  @TempDir static Path dir;
  private static JavaSparkContext sc;
  private static final TaskCounts tasks = new TaskCounts();
  private static Path input;
  private static Path reference;

  @BeforeAll
  static void start() throws IOException, InterruptedException {
    input = dir.resolve("flowers");
    writeFolder(input);
    reference = dir.resolve("reference");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ConvertOptions options = options(reference);
    try (FolderFeed feed = FolderFeed.open(input, options.split(), options.seed())) {
      Converter.Result r = new Converter(options, quiet, quiet).run(feed);
      assertThat(r.skipped()).hasSize(2);
    }
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2,2]") // two threads; a failed task is tried twice
            .setAppName("SparkConvertTest")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1");
    sc = new JavaSparkContext(conf);
    sc.sc().addSparkListener(tasks);
  }

  /**
   * Counts finished tasks per job group. A test runs its jobs in a group of its own and counts only
   * that group's tasks: a global count also takes in the late events of an earlier test's jobs,
   * which the listener bus may deliver after the test has read its starting figure.
   */
  static final class TaskCounts extends SparkListener {
    /** Where {@code setJobGroup} puts the group: {@code SparkContext.SPARK_JOB_GROUP_ID}. */
    private static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

    private final Map<Integer, String> groupOfStage = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> succeeded = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      String group =
          start.properties() == null ? null : start.properties().getProperty(JOB_GROUP_PROPERTY);
      if (group != null) {
        for (StageInfo stage : CollectionConverters.asJava(start.stageInfos())) {
          groupOfStage.put(stage.stageId(), group);
        }
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      String group = groupOfStage.get(end.stageId());
      if (group != null) {
        Map<String, AtomicInteger> counts = end.reason() == Success$.MODULE$ ? succeeded : failed;
        counts.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
      }
    }

    int succeeded(String group) {
      return count(succeeded, group);
    }

    int failed(String group) {
      return count(failed, group);
    }

    private static int count(Map<String, AtomicInteger> counts, String group) {
      drainListeners();
      AtomicInteger n = counts.get(group);
      return n == null ? 0 : n.get();
    }
  }

  /** Runs the calls' Spark jobs in a job group of their own, for {@link TaskCounts}. */
  private static <T> T inGroup(String group, Callable<T> call) throws Exception {
    sc.setJobGroup(group, group, false);
    try {
      return call.call();
    } finally {
      sc.clearJobGroup();
    }
  }

  @AfterAll
  static void stop() {
    if (sc != null) {
      sc.close();
    }
  }

  /**
   * 48 images in 3 classes, sized 20 to 80 pixels so {@code --max-side 48} re-encodes some; every
   * fifth progressive; plus a truncated JPEG and a text file named like an image, both skipped.
   */
  private static void writeFolder(Path root) throws IOException {
    Random random = new Random(18);
    for (int c = 0; c < CLASSES; c++) {
      Path cls = Files.createDirectories(root.resolve("class-" + (char) ('a' + c)));
      for (int i = 0; i < PER_CLASS; i++) {
        int w = 20 + random.nextInt(60);
        int h = 20 + random.nextInt(60);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int seed = c * 100 + i;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            img.setRGB(x, y, ((x * 7 + seed * 31) & 0xff) << 16 | ((y * 5 + seed) & 0xff) << 8);
          }
        }
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillOval(random.nextInt(w), random.nextInt(h), w / 2 + 1, h / 2 + 1);
        g.dispose();
        Files.write(cls.resolve(String.format("img-%02d.jpg", i)), jpeg(img, i % 5 == 0));
      }
    }
    byte[] whole = Files.readAllBytes(root.resolve("class-a/img-00.jpg"));
    Files.write(root.resolve("class-b/truncated.jpg"), Arrays.copyOf(whole, whole.length / 2));
    Files.writeString(root.resolve("class-c/notes.jpg"), "not an image\n");
  }

  private static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static ConvertOptions options(Path out) {
    return options(List.of(input.toString()), "flowers", out, false);
  }

  private static ConvertOptions options(
      List<String> inputs, String name, Path out, boolean strict) {
    return new ConvertOptions(
        inputs,
        out,
        name,
        4,
        ConvertOptions.DEFAULT_SHARD_SIZE,
        new SplitFractions(0.8, 0.1, 0.1, 7),
        7,
        TfRecordCompression.NONE,
        true,
        48,
        85,
        false,
        2,
        false,
        strict);
  }

  @Test
  void writesTheSameShardsAndManifestAsTfrecordConvert() throws IOException {
    Path out = dir.resolve("spark-equivalence");
    Converter.Result r = SparkConvert.run(sc, options(out), out.toString());

    assertThat(r.written()).isEqualTo(CLASSES * PER_CLASS);
    assertThat(r.skipped())
        .extracting(Converter.Skip::where)
        .containsExactlyInAnyOrder("class-b/truncated.jpg", "class-c/notes.jpg");
    assertSameOutput(out);
  }

  @Test
  void aTaskThatFailsMidWriteIsRetriedWithoutDuplicates() throws Exception {
    Path out = dir.resolve("spark-mid-write");
    String group = out.getFileName().toString();
    inGroup(
        group,
        () ->
            SparkConvert.run(
                sc,
                options(out),
                out.toString(),
                new FailureInjection(0, 1, FailureInjection.Point.MID_WRITE)));

    assertThat(tasks.failed(group)).as("failed attempts").isPositive();
    assertSameOutput(out);
  }

  @Test
  void aTaskThatFailsBeforeItsCommitIsRetriedWithoutDuplicates() throws Exception {
    Path out = dir.resolve("spark-before-commit");
    String group = out.getFileName().toString();
    inGroup(
        group,
        () ->
            SparkConvert.run(
                sc,
                options(out),
                out.toString(),
                new FailureInjection(0, 2, FailureInjection.Point.BEFORE_COMMIT)));

    assertThat(tasks.failed(group)).as("failed attempts").isPositive();
    assertSameOutput(out);
  }

  /**
   * Three Hugging Face Parquet files from testdata (one row group by DuckDB; four by pyarrow; four
   * with NULL cells): the same shards, indexes and manifest as {@code tfrecord-convert}, the same
   * skip list in the same order, and one row group's NULLs among the skips.
   */
  @Test
  void writesTheSameShardsAndManifestAsTfrecordConvertFromParquet()
      throws IOException, InterruptedException {
    Converter.Result single = parquetReference();
    Path out = dir.resolve("parquet-spark");

    Converter.Result r = SparkConvert.run(sc, options(PARQUET, "hf", out, false), out.toString());

    assertThat(single.skipped())
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.where()).startsWith(PARQUET.get(1) + " at row "));
    assertThat(r.skipped()).isEqualTo(single.skipped());
    assertThat(r.written()).isEqualTo(single.written()).isGreaterThan(100);
    assertSameOutput(out, dir.resolve("parquet-reference"), single.written());
  }

  @Test
  void aParquetShardTaskThatFailsMidWriteIsRetriedFromTheShuffleWithoutDuplicates()
      throws Exception {
    Converter.Result single = parquetReference();
    Path out = dir.resolve("parquet-mid-write");
    String group = out.getFileName().toString();

    inGroup(
        group,
        () ->
            SparkConvert.run(
                sc,
                options(PARQUET, "hf", out, false),
                out.toString(),
                new FailureInjection(0, 1, FailureInjection.Point.MID_WRITE)));

    assertThat(tasks.failed(group)).as("failed attempts").isPositive();
    assertSameOutput(out, dir.resolve("parquet-reference"), single.written());
  }

  /**
   * Which input is Parquet: files ending in {@code .parquet}, or a folder without sub-folders that
   * holds some (its {@code .parquet} files in name order); an image folder, a missing path, or a
   * folder of other files is not.
   */
  @Test
  void findsParquetFilesAsTfrecordConvertDoes() throws IOException {
    Path flat = Files.createDirectories(dir.resolve("parquet-folder"));
    Files.write(flat.resolve("b.parquet"), new byte[] {1});
    Files.write(flat.resolve("a.parquet"), new byte[] {1});
    Files.writeString(flat.resolve("README.md"), "not data\n");
    Path other = Files.createDirectories(dir.resolve("text-folder"));
    Files.writeString(other.resolve("notes.txt"), "not data\n");
    var conf = sc.hadoopConfiguration();

    assertThat(SparkConvert.parquetFiles(List.of(flat.toString()), conf))
        .extracting(f -> f.substring(f.lastIndexOf('/') + 1))
        .containsExactly("a.parquet", "b.parquet");
    assertThat(SparkConvert.parquetFiles(List.of("x/*.parquet", "y.parquet"), conf))
        .containsExactly("x/*.parquet", "y.parquet");
    assertThat(SparkConvert.parquetFiles(List.of(input.toString()), conf)).isNull();
    assertThat(SparkConvert.parquetFiles(List.of(other.toString()), conf)).isNull();
    assertThat(SparkConvert.parquetFiles(List.of(dir.resolve("missing").toString()), conf))
        .isNull();
  }

  private static final List<String> PARQUET =
      Stream.of("hf-images.snappy.parquet", "hf-images.nulls.parquet", "hf-images.parquet")
          .map(
              f ->
                  Path.of(System.getProperty("stoker.testdata.dir", "../testdata"), "parquet", f)
                      .toString())
          .toList();
  private static Converter.@Nullable Result parquetResult;

  /**
   * {@code tfrecord-convert}'s engine on {@link #PARQUET}, into {@code parquet-reference}, once.
   */
  private static synchronized Converter.Result parquetReference()
      throws IOException, InterruptedException {
    Converter.Result r = parquetResult;
    if (r == null) {
      ConvertOptions options = options(PARQUET, "hf", dir.resolve("parquet-reference"), false);
      try (ParquetFeed feed = ParquetFeed.open(PARQUET, options.split(), options.seed())) {
        r = new Converter(options, quiet(), quiet()).run(feed);
      }
      parquetResult = r;
    }
    return r;
  }

  /**
   * {@code --strict}: the job writes nothing into the output folder (no shard, index or manifest,
   * no temporary folder), and its failure names the first unreadable image and the reason that
   * {@code tfrecord-convert --strict} stops on.
   */
  @Test
  void strictFailsNamingTheFirstUnreadableImageAndWritesNothing()
      throws IOException, InterruptedException {
    Path single = dir.resolve("strict-reference");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (FolderFeed feed = FolderFeed.open(input, options(single).split(), 7)) {
      Converter.Result r =
          new Converter(
                  options(List.of(input.toString()), "flowers", single, true),
                  quiet(),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .run(feed);
      assertThat(r.stoppedStrict()).isTrue();
    }
    String stop = err.toString(StandardCharsets.UTF_8);
    String named = stop.substring(stop.indexOf("(--strict): ") + 12).strip();
    Path out = dir.resolve("spark-strict");

    Converter.Result r =
        SparkConvert.run(
            sc, options(List.of(input.toString()), "flowers", out, true), out.toString());

    assertThat(r.stoppedStrict()).isTrue();
    assertThat(SparkConvert.failure(r))
        .startsWith("stopped (--strict): " + named + " (2 unreadable images");
    assertThat(named).matches("class-[bc]/(truncated|notes)\\.jpg: .+");
    assertThat(Files.exists(out) ? list(out) : List.of()).isEmpty();
  }

  /**
   * What a speculative copy does: a second attempt of the same shard runs beside the first and
   * commits into the same job folder. Both succeed; one shard and one index remain, byte-identical
   * to {@code tfrecord-convert}'s, with no attempt file left. (Spark launches no speculative copy
   * in local mode, so the test submits the duplicate attempt itself.)
   */
  @Test
  void twoAttemptsOfTheSameShardLeaveOneCopy() throws Exception {
    Path jobDir = Files.createDirectories(dir.resolve("spark-duplicate"));
    ConvertOptions options = options(jobDir);
    List<ShardWriter.Outcome> outcomes;
    ShardJob job;
    try (FolderFeed feed = FolderFeed.open(input, options.split(), options.seed())) {
      job = SparkConvert.plan(feed, options).get(1);
      ShardTask task =
          new ShardTask(
              sc.hadoopConfiguration(),
              jobDir.toString(),
              feed.labelNames(),
              options,
              FolderOptions.DEFAULT_MAX_SAMPLE_BYTES,
              null);
      outcomes =
          inGroup("two-attempts", () -> sc.parallelize(List.of(job, job), 2).map(task).collect());
    }

    assertThat(tasks.succeeded("two-attempts")).isEqualTo(2);
    assertThat(outcomes.get(0)).isEqualTo(outcomes.get(1));
    assertThat(list(jobDir)).containsExactly(job.file(), job.file() + ".idx");
    for (String name : list(jobDir)) {
      assertThat(Files.readAllBytes(jobDir.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(reference.resolve(name)));
    }
  }

  /** Task events reach listeners on Spark's bus thread; wait until they all have. */
  private static void drainListeners() {
    try {
      sc.sc().listenerBus().waitUntilEmpty(60_000);
    } catch (TimeoutException e) {
      throw new AssertionError("Spark's listener bus did not drain in 60 s", e);
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void theDataSourceReadsEveryRecordBackWithItsFeatures() throws IOException {
    SparkSession spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    Dataset<Row> rows =
        spark.read().format("stoker-tfrecord").load(reference + "/flowers-*.tfrecord");

    Map<String, Long> perLabel = new TreeMap<>();
    long pixels = 0;
    for (Row r : rows.groupBy("label", "text").count().collectAsList()) {
      perLabel.put(r.getLong(0) + ":" + r.getString(1), r.getLong(2));
    }
    for (Row r : rows.select("width", "height").collectAsList()) {
      assertThat(Math.max(r.getLong(0), r.getLong(1))).isBetween(1L, 48L);
      pixels += r.getLong(0) * r.getLong(1);
    }
    assertThat(pixels).isPositive();
    List<String> images = new ArrayList<>();
    for (Row r : rows.select("image", "label").collectAsList()) {
      images.add(Digests.sha256(MemorySegment.ofArray((byte[]) r.get(0))) + ":" + r.getLong(1));
    }
    images.sort(null);
    List<String> expected = new ArrayList<>();
    records(reference).values().forEach(expected::addAll);
    expected.sort(null);
    assertThat(images).isEqualTo(expected);
    Map<String, Long> expectedPerLabel = new TreeMap<>();
    for (String e : expected) {
      long label = Long.parseLong(e.substring(e.indexOf(':') + 1));
      expectedPerLabel.merge(label + ":class-" + (char) ('a' + label), 1L, Long::sum);
    }
    assertThat(perLabel).isEqualTo(expectedPerLabel);
  }

  /**
   * The Spark output holds exactly the reference's files (no temporary or attempt files left), each
   * byte-identical, and the same multiset of (image SHA-256, label) per split as read back.
   */
  private static void assertSameOutput(Path out) throws IOException {
    assertSameOutput(out, reference, CLASSES * PER_CLASS);
  }

  private static void assertSameOutput(Path out, Path expected, long records) throws IOException {
    assertThat(list(out)).isEqualTo(list(expected));
    for (String name : list(expected)) {
      assertThat(Files.readAllBytes(out.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(expected.resolve(name)));
    }
    Map<String, List<String>> spark = records(out);
    assertThat(spark).isEqualTo(records(expected));
    assertThat(spark.values().stream().mapToInt(List::size).sum()).isEqualTo(records);
    assertThat(spark.keySet()).containsExactly("train", "validation", "test");
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Per split, the sorted {@code sha256:label} of every record in its shards. */
  private static Map<String, List<String>> records(Path folder) throws IOException {
    Map<String, List<String>> bySplit = new TreeMap<>((a, b) -> order(a) - order(b));
    for (String name : list(folder)) {
      if (!name.endsWith(".tfrecord")) {
        continue;
      }
      String split = name.split("-", -1)[1];
      List<String> records = bySplit.computeIfAbsent(split, s -> new ArrayList<>());
      try (TfRecordReader reader =
          TfRecordReader.open(folder.resolve(name), TfRecordReaderOptions.defaults())) {
        ExampleReader example = new ExampleReader();
        FeatureView image = new FeatureView();
        FeatureView label = new FeatureView();
        while (reader.next()) {
          example.wrap(reader.record());
          assertThat(example.find("image/encoded", image)).isTrue();
          assertThat(example.find("image/class/label", label)).isTrue();
          records.add(Digests.sha256(image.bytes(0)) + ":" + label.int64(0));
        }
      }
    }
    bySplit.values().forEach(l -> l.sort(null));
    return bySplit;
  }

  private static int order(String split) {
    return List.of("train", "validation", "test").indexOf(split);
  }
}
