package dev.stoker.bench;

import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

/**
 * Reading a whole TFRecord file (32 MiB, in the page cache) with both CRC checks, against a plain
 * {@link FileChannel} read of the same file into a direct buffer of the same size, the floor any
 * reader pays. Score: files per second; the ratio {@code tfRecordReader / plainFileChannel} is the
 * figure to report (target: at least 0.8).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class TfRecordReadBenchmark {
  private static final long FILE_BYTES = 32L << 20;

  /** Payload size: small Examples, and ImageNet-like ones (about 110 KB of JPEG each). */
  @Param({"1000", "110000"})
  public int recordBytes;

  private Path dir;
  private Path file;
  private TfRecordReaderOptions checked;
  private TfRecordReaderOptions noDataCrc;

  /** Writes the file once per trial. */
  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    dir = Files.createTempDirectory("tfrecord-bench");
    file = dir.resolve("bench.tfrecord");
    SplittableRandom random = new SplittableRandom(1);
    byte[] payload = new byte[recordBytes];
    try (TfRecordWriter writer = TfRecordWriter.open(file, TfRecordWriterOptions.defaults())) {
      while (writer.position() < FILE_BYTES) {
        for (int i = 0; i < payload.length; i += 8) {
          payload[i] = (byte) random.nextInt();
        }
        writer.write(payload);
      }
    }
    checked = TfRecordReaderOptions.defaults();
    noDataCrc = TfRecordReaderOptions.builder().verifyDataCrc(false).build();
  }

  /** Deletes the file. */
  @TearDown(Level.Trial)
  public void deleteFile() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(dir);
  }

  /**
   * Reads every record with both CRCs checked and touches each payload.
   *
   * @return a digest of the records, consumed by JMH
   */
  @Benchmark
  public long tfRecordReader() throws IOException {
    return readAll(checked);
  }

  /**
   * Reads every record checking only the length CRCs.
   *
   * @return a digest of the records, consumed by JMH
   */
  @Benchmark
  public long tfRecordReaderNoDataCrc() throws IOException {
    return readAll(noDataCrc);
  }

  private long readAll(TfRecordReaderOptions options) throws IOException {
    long digest = 0;
    try (TfRecordReader reader = TfRecordReader.open(file, options)) {
      while (reader.next()) {
        digest += reader.recordLength() + reader.record().get(ValueLayout.JAVA_BYTE, 0);
      }
    }
    return digest;
  }

  /**
   * Reads the same file with a plain channel into a reused direct buffer, no framing, no checks.
   *
   * @return a digest of the bytes read, consumed by JMH
   */
  @Benchmark
  public long plainFileChannel() throws IOException {
    long digest = 0;
    ByteBuffer buffer = ByteBuffer.allocateDirect(TfRecordReaderOptions.DEFAULT_READ_SIZE);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
        digest += n + buffer.get(0);
        buffer.clear();
      }
    }
    return digest;
  }
}
