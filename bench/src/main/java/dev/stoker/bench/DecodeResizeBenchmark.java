package dev.stoker.bench;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.TurboJpegDecoder;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The cost of resizing on top of decoding: libjpeg-turbo decode at full size, alone and followed by
 * the bilinear resize of the whole image to 224×224 into one sample of a batch slab (uint8, and
 * float32 scaled by 1/255), and the same with the DCT scale chosen for 224×224. Target: decode +
 * resize at least 0.85× the decode-only rate of {@code tjbench} on the same files.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class DecodeResizeBenchmark {
  /** The corpus folder, relative to the repository root. */
  @Param({"testdata/imagenet-like"})
  public String corpus;

  /**
   * The resize kernel: {@code vector} (the default, on the Vector API) or {@code scalar} (the
   * portable one, {@link Resizer#scalar()}); both write identical output.
   */
  @Param({"vector", "scalar"})
  public String kernel;

  private static final int SIZE = 224;
  private static final BatchLayout U8 =
      new BatchLayout(2, SIZE, SIZE, 3, ElementType.UINT8, ChannelOrder.NHWC);
  private static final BatchLayout F32 =
      new BatchLayout(2, SIZE, SIZE, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
  private static final ResizeSpec RESCALE = ResizeSpec.builder().normalize(1f / 255, 0f).build();

  private JpegCorpus files;
  private TurboJpegDecoder decoder;
  private Resizer resizer = new Resizer();
  private Arena arena;
  private MemorySegment decoded;
  private MemorySegment slabU8;
  private MemorySegment slabF32;

  /**
   * Loads the corpus and opens the decoder.
   *
   * @throws IOException when the corpus cannot be read
   */
  @Setup
  public void setUp() throws IOException {
    resizer = kernel.equals("scalar") ? Resizer.scalar() : new Resizer();
    if (kernel.equals("vector") && !resizer.vectorised()) {
      throw new IllegalStateException(
          "kernel=vector (expected: a JVM with --add-modules jdk.incubator.vector and vectors of"
              + " 256 bits or more)");
    }
    files = new JpegCorpus(corpus);
    decoder = TurboJpegDecoder.create(DecodeOptions.defaults());
    arena = Arena.ofShared();
    decoded = arena.allocate(4096L * 4096 * 3, 64);
    slabU8 = arena.allocate(U8.byteSize(), 64);
    slabF32 = arena.allocate(F32.byteSize(), 64);
  }

  /** Frees everything. */
  @TearDown
  public void tearDown() {
    decoder.close();
    files.close();
    arena.close();
  }

  private PixelBuffer decodeNext(boolean scaled) {
    MemorySegment jpeg = files.next();
    ImageInfo info = decoder.probe(jpeg);
    DctScale scale =
        scaled
            ? DctScale.choose(
                info.width(),
                info.height(),
                dev.stoker.decode.resize.SourceWindow.full(info.width(), info.height()),
                SIZE,
                SIZE,
                decoder.scales(info))
            : DctScale.FULL;
    return decoder.decode(jpeg, scale, 3, decoded, scale.scaled(info.width()) * 3L);
  }

  /**
   * Decode only.
   *
   * @return a decoded byte, consumed by JMH
   */
  @Benchmark
  public byte decodeOnly() {
    decodeNext(false);
    return decoded.get(ValueLayout.JAVA_BYTE, 0);
  }

  /**
   * Decode, then resize to 224×224 uint8.
   *
   * @return an output byte, consumed by JMH
   */
  @Benchmark
  public byte decodeResizeUint8() {
    resizer.resize(decodeNext(false), ResizeSpec.bilinear(), SampleTarget.of(slabU8, U8, 1));
    return slabU8.get(ValueLayout.JAVA_BYTE, U8.offset(1));
  }

  /**
   * Decode, then resize to 224×224 float32 scaled by 1/255.
   *
   * @return an output byte, consumed by JMH
   */
  @Benchmark
  public byte decodeResizeFloat32() {
    resizer.resize(decodeNext(false), RESCALE, SampleTarget.of(slabF32, F32, 1));
    return slabF32.get(ValueLayout.JAVA_BYTE, F32.offset(1));
  }

  /**
   * Decode at the DCT scale chosen for 224×224, then resize to 224×224 float32.
   *
   * @return an output byte, consumed by JMH
   */
  @Benchmark
  public byte scaledDecodeResizeFloat32() {
    resizer.resize(decodeNext(true), RESCALE, SampleTarget.of(slabF32, F32, 1));
    return slabF32.get(ValueLayout.JAVA_BYTE, F32.offset(1));
  }
}
