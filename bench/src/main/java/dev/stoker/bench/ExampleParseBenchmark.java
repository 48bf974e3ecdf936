package dev.stoker.bench;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.ExampleWriter;
import dev.stoker.tfrecord.example.FeatureKey;
import dev.stoker.tfrecord.example.FeatureView;
import dev.stoker.tfrecord.example.InvalidExampleException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * What a pipeline does per TFRecord: find the encoded image, the label and the size in a {@code
 * tf.train.Example} in the schema of TensorFlow's ImageNet conversion script. Stoker's lazy
 * in-place lookup (over off-heap payloads, as in the ring) against protobuf-java's {@code
 * Example.parseFrom} plus map access (over {@code byte[]}, its best case). Score: records per
 * microsecond; target ratio at least 3. Run with {@code -prof gc} to see the allocation per record.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ExampleParseBenchmark {
  private static final FeatureKey IMAGE = FeatureKey.of("image/encoded");
  private static final FeatureKey LABEL = FeatureKey.of("image/class/label");
  private static final FeatureKey HEIGHT = FeatureKey.of("image/height");
  private static final FeatureKey WIDTH = FeatureKey.of("image/width");
  private static final int RECORDS = 64;

  /** Bytes of encoded image per record: the test data's tiny JPEGs, and ImageNet's typical size. */
  @Param({"1000", "110000"})
  public int imageBytes;

  private final ExampleReader reader = new ExampleReader();
  private final FeatureView image = new FeatureView();
  private final FeatureView label = new FeatureView();
  private final FeatureView height = new FeatureView();
  private final FeatureView width = new FeatureView();
  private Arena arena;
  private MemorySegment[] offHeap;
  private byte[][] heap;
  private int next;

  /** Builds the records, off-heap for Stoker and as arrays for protobuf-java. */
  @Setup(Level.Trial)
  public void buildRecords() {
    arena = Arena.ofShared();
    offHeap = new MemorySegment[RECORDS];
    heap = new byte[RECORDS][];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < RECORDS; i++) {
      byte[] jpeg = new byte[imageBytes];
      for (int j = 0; j < jpeg.length; j++) {
        jpeg[j] = (byte) random.nextInt();
      }
      byte[] payload =
          new ExampleWriter()
              .putInt64s("image/height", 375)
              .putInt64s("image/width", 500)
              .putBytes("image/colorspace", ascii("RGB"))
              .putInt64s("image/channels", 3)
              .putInt64s("image/class/label", i % 1000)
              .putBytes("image/class/synset", ascii("n01440764"))
              .putBytes("image/class/text", ascii("tench, Tinca tinca"))
              .putFloats("image/object/bbox/xmin", 0.1f)
              .putFloats("image/object/bbox/xmax", 0.9f)
              .putFloats("image/object/bbox/ymin", 0.2f)
              .putFloats("image/object/bbox/ymax", 0.8f)
              .putInt64s("image/object/bbox/label", i % 1000)
              .putBytes("image/format", ascii("JPEG"))
              .putBytes("image/filename", ascii("n01440764_" + i + ".JPEG"))
              .putBytes("image/encoded", jpeg)
              .toByteArray();
      heap[i] = payload;
      offHeap[i] = arena.allocate(payload.length);
      MemorySegment.copy(payload, 0, offHeap[i], ValueLayout.JAVA_BYTE, 0, payload.length);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Frees the off-heap records. */
  @TearDown(Level.Trial)
  public void free() {
    arena.close();
  }

  /**
   * Stoker: wraps the payload and looks up four features in place.
   *
   * @return a digest of the values, consumed by JMH
   */
  @Benchmark
  public long stokerLookup() throws InvalidExampleException {
    reader.wrap(offHeap[next++ & (RECORDS - 1)]);
    if (!reader.find(IMAGE, image)
        || !reader.find(LABEL, label)
        || !reader.find(HEIGHT, height)
        || !reader.find(WIDTH, width)) {
      throw new IllegalStateException("missing feature");
    }
    return image.bytesOffset(0)
        + image.bytesLength(0)
        + label.int64(0)
        + height.int64(0) * width.int64(0);
  }

  /**
   * protobuf-java: parses the whole Example and reads the same four features from its map.
   *
   * @return a digest of the values, consumed by JMH
   */
  @Benchmark
  public long protobufParseFrom() throws InvalidProtocolBufferException {
    Example example = Example.parseFrom(heap[next++ & (RECORDS - 1)]);
    Map<String, Feature> map = example.getFeatures().getFeatureMap();
    return map.get("image/encoded").getBytesList().getValue(0).size()
        + map.get("image/class/label").getInt64List().getValue(0)
        + map.get("image/height").getInt64List().getValue(0)
            * map.get("image/width").getInt64List().getValue(0);
  }
}
