package dev.stoker.bench;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.TurboJpegDecoder;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
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
 * Resizing alone, whole decoded corpus images to 224×224 RGB, against the JDK's {@code Graphics2D}
 * bilinear {@code drawImage} into a {@code TYPE_3BYTE_BGR} image (the peer keeps its output on the
 * heap, which only flatters it). Target: at least 1.5× the peer.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class ResizeBenchmark {
  /** The corpus folder, relative to the repository root. */
  @Param({"testdata/imagenet-like"})
  public String corpus;

  /**
   * The resize kernel: {@code vector} (the default, on the Vector API) or {@code scalar} (the
   * portable one, {@link Resizer#scalar()}); both write identical output.
   */
  @Param({"vector", "scalar"})
  public String kernel;

  private static final int COUNT = 16;
  private static final int SIZE = 224;
  private static final BatchLayout U8 =
      new BatchLayout(1, SIZE, SIZE, 3, ElementType.UINT8, ChannelOrder.NHWC);
  private static final BatchLayout F32 =
      new BatchLayout(1, SIZE, SIZE, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
  private static final ResizeSpec TRIANGLE =
      ResizeSpec.builder().filter(ResizeFilter.TRIANGLE).build();

  private Arena arena;
  private final PixelBuffer[] sources = new PixelBuffer[COUNT];
  private final BufferedImage[] images = new BufferedImage[COUNT];
  private Resizer resizer = new Resizer();
  private MemorySegment slabU8;
  private MemorySegment slabF32;
  private BufferedImage out;
  private int next;

  /**
   * Decodes the first images of the corpus, into native memory for Stoker and into BGR buffered
   * images for the peer.
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
    arena = Arena.ofShared();
    try (JpegCorpus files = new JpegCorpus(corpus);
        TurboJpegDecoder decoder = TurboJpegDecoder.create(DecodeOptions.defaults())) {
      for (int i = 0; i < COUNT; i++) {
        MemorySegment jpeg = files.get(i % files.size());
        ImageInfo info = decoder.probe(jpeg);
        int w = info.width();
        int h = info.height();
        MemorySegment pixels = arena.allocate((long) w * h * 3, 64);
        sources[i] = decoder.decode(jpeg, DctScale.FULL, 3, pixels, w * 3L);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int p = 0; p < w * h; p++) {
          bgr[3 * p] = pixels.get(ValueLayout.JAVA_BYTE, 3L * p + 2);
          bgr[3 * p + 1] = pixels.get(ValueLayout.JAVA_BYTE, 3L * p + 1);
          bgr[3 * p + 2] = pixels.get(ValueLayout.JAVA_BYTE, 3L * p);
        }
        images[i] = image;
      }
    }
    slabU8 = arena.allocate(U8.byteSize(), 64);
    slabF32 = arena.allocate(F32.byteSize(), 64);
    out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
  }

  /** Frees the native memory. */
  @TearDown
  public void tearDown() {
    arena.close();
  }

  private int nextIndex() {
    int i = next;
    next = i + 1 == COUNT ? 0 : i + 1;
    return i;
  }

  /**
   * Stoker's bilinear to uint8.
   *
   * @return an output byte, consumed by JMH
   */
  @Benchmark
  public byte stokerBilinearUint8() {
    resizer.resize(sources[nextIndex()], ResizeSpec.bilinear(), SampleTarget.of(slabU8, U8, 0));
    return slabU8.get(ValueLayout.JAVA_BYTE, 0);
  }

  /**
   * Stoker's bilinear to float32.
   *
   * @return an output byte, consumed by JMH
   */
  @Benchmark
  public byte stokerBilinearFloat32() {
    resizer.resize(sources[nextIndex()], ResizeSpec.bilinear(), SampleTarget.of(slabF32, F32, 0));
    return slabF32.get(ValueLayout.JAVA_BYTE, 0);
  }

  /**
   * Stoker's antialiased triangle filter to uint8.
   *
   * @return an output byte, consumed by JMH
   */
  @Benchmark
  public byte stokerTriangleUint8() {
    resizer.resize(sources[nextIndex()], TRIANGLE, SampleTarget.of(slabU8, U8, 0));
    return slabU8.get(ValueLayout.JAVA_BYTE, 0);
  }

  /**
   * The peer: {@code Graphics2D.drawImage} with bilinear interpolation.
   *
   * @return an output pixel, consumed by JMH
   */
  @Benchmark
  public int graphics2dBilinear() {
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(images[nextIndex()], 0, 0, SIZE, SIZE, null);
    } finally {
      g.dispose();
    }
    return out.getRaster().getDataBuffer().getElem(0);
  }
}
