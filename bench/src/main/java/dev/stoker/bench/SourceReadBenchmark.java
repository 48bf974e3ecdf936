package dev.stoker.bench;

import dev.stoker.io.Cursor;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.ParquetOptions;
import dev.stoker.io.source.ParquetSource;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One epoch of 1024 encoded samples (in the page cache) read through each {@code io} source, in
 * planned (shuffled) order, against the plain JDK or library read of the same bytes in file order:
 * the cost of planning, framing checks and Example/Parquet parsing on top of the bytes. Score:
 * epochs per second; report the ratios {@code folderSource / plainFiles}, {@code tfRecord* /
 * plainFileChannel} and {@code parquetSource / parquetGroupReader}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class SourceReadBenchmark {
  private static final int SAMPLES = 1024;
  private static final int SHARDS = 8;
  private static final MessageType HF =
      MessageTypeParser.parseMessageType(
          "message hf { optional group image { optional binary bytes; } optional int64 label; }");

  /** Encoded sample size: a small photo, and an ImageNet-like JPEG. */
  @Param({"8000", "110000"})
  public int sampleBytes;

  private Path dir;
  private final List<Path> files = new ArrayList<>();
  private final List<Path> shards = new ArrayList<>();
  private final List<Path> parquets = new ArrayList<>();
  private Source folder;
  private Source indexed;
  private Source sequential;
  private Source parquet;
  private ByteBuffer shardBuffer;
  private long epoch;

  /** Writes the dataset in all three formats. */
  @Setup(Level.Trial)
  public void write() throws IOException {
    dir = Files.createTempDirectory("source-bench");
    SplittableRandom random = new SplittableRandom(7);
    List<TfRecordWriter> writers = new ArrayList<>();
    List<ParquetWriter<Group>> parquetWriters = new ArrayList<>();
    SimpleGroupFactory groups = new SimpleGroupFactory(HF);
    try {
      for (int s = 0; s < SHARDS; s++) {
        Path shard = dir.resolve("train-" + s + ".tfrecord");
        shards.add(shard);
        writers.add(
            TfRecordWriter.open(
                shard, TfRecordWriterOptions.builder().indexFile(Path.of(shard + ".idx")).build()));
        Path pq = dir.resolve("train-" + s + ".parquet");
        parquets.add(pq);
        parquetWriters.add(
            ExampleParquetWriter.builder(new LocalOutputFile(pq))
                .withType(HF)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(false)
                .withRowGroupRowCountLimit(32)
                .build());
      }
      byte[] bytes = new byte[sampleBytes];
      for (int i = 0; i < SAMPLES; i++) {
        for (int j = 0; j < bytes.length; j += 8) {
          bytes[j] = (byte) random.nextInt();
        }
        Path file = dir.resolve("c" + (i % 10)).resolve("img" + i + ".jpg");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        files.add(file);
        writers
            .get(i % SHARDS)
            .write(
                new ExampleWriter()
                    .putBytes("image/encoded", bytes)
                    .putInt64s("image/class/label", i % 10)
                    .toByteArray());
        Group g = groups.newGroup();
        g.addGroup("image").append("bytes", Binary.fromConstantByteArray(bytes.clone()));
        g.add("label", (long) (i % 10));
        parquetWriters.get(i % SHARDS).write(g);
      }
    } finally {
      for (TfRecordWriter w : writers) {
        w.close();
      }
      for (ParquetWriter<Group> w : parquetWriters) {
        w.close();
      }
    }
    List<String> shardNames = shards.stream().map(Path::toString).toList();
    folder = FolderSource.open(FolderOptions.builder(dir.toString()).build());
    indexed = TfRecordSource.open(TfRecordOptions.builder(shardNames).build());
    sequential = TfRecordSource.open(TfRecordOptions.builder(shardNames).useIndexes(false).build());
    parquet =
        ParquetSource.open(
            ParquetOptions.builder(parquets.stream().map(Path::toString).toList()).build());
    long largest = 0;
    for (Path shard : shards) {
      largest = Math.max(largest, Files.size(shard));
    }
    shardBuffer = ByteBuffer.allocateDirect((int) largest);
  }

  /** Closes the sources and deletes the dataset. */
  @TearDown(Level.Trial)
  public void delete() throws IOException {
    folder.close();
    indexed.close();
    sequential.close();
    parquet.close();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private long epoch(Source source) throws IOException {
    long sum = 0;
    try (SampleStream stream = source.open(Cursor.start(1, epoch++), Sharding.SINGLE)) {
      while (stream.next()) {
        sum += stream.bytes().byteSize() + stream.bytes().get(ValueLayout.JAVA_BYTE, 0);
      }
    }
    return sum;
  }

  /** The folder source: one file per sample, in a shuffled order. */
  @Benchmark
  public long folderSource() throws IOException {
    return epoch(folder);
  }

  /** The peer of {@link #folderSource}: {@code Files.readAllBytes} of every file, in order. */
  @Benchmark
  public long plainFiles() throws IOException {
    long sum = 0;
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      sum += bytes.length + bytes[0];
    }
    return sum;
  }

  /** TFRecord shards with index files: one positional read per sample, shuffled. */
  @Benchmark
  public long tfRecordIndexed() throws IOException {
    return epoch(indexed);
  }

  /** TFRecord shards read front to back, eight interleaved. */
  @Benchmark
  public long tfRecordSequential() throws IOException {
    return epoch(sequential);
  }

  /** The floor of both TFRecord modes: every shard read whole with a {@link FileChannel}. */
  @Benchmark
  public void plainFileChannel(Blackhole hole) throws IOException {
    for (Path shard : shards) {
      try (FileChannel channel = FileChannel.open(shard, StandardOpenOption.READ)) {
        shardBuffer.clear();
        while (channel.read(shardBuffer) > 0) {
          hole.consume(shardBuffer.position());
        }
      }
    }
  }

  /** The Parquet source: row groups shuffled and interleaved, rows shuffled within. */
  @Benchmark
  public long parquetSource() throws IOException {
    return epoch(parquet);
  }

  /**
   * The peer of {@link #parquetSource}: parquet-java's example reader (through Hadoop's local file
   * system) over the same files, in file order.
   */
  @Benchmark
  public long parquetGroupReader() throws IOException {
    long sum = 0;
    for (Path file : parquets) {
      try (ParquetReader<Group> reader =
          ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
              .build()) {
        Group g;
        while ((g = reader.read()) != null) {
          Binary b = g.getGroup("image", 0).getBinary("bytes", 0);
          sum += b.length() + b.getBytesUnsafe()[0];
        }
      }
    }
    return sum;
  }
}
