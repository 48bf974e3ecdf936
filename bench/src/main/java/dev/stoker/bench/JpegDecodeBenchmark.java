package dev.stoker.bench;

import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.ImageIoDecoder;
import dev.stoker.decode.TurboJpegDecoder;
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
 * Full-size JPEG decoding, images per second on one thread, for each decoder, over the corpus that
 * resembles ImageNet ({@code imagenet-like-grain}: 0.22 MP, 4 bits per pixel). The reference for
 * the limit is libjpeg-turbo's own {@code tjbench} on the same files, run beside it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class JpegDecodeBenchmark {
  /** The decoder under test. */
  @Param({"turbojpeg", "imageio"})
  public String decoder;

  /** The corpus folder, relative to the repository root. */
  @Param({"testdata/imagenet-like"})
  public String corpus;

  private JpegCorpus files;
  private ImageDecoder impl;
  private Arena arena;
  private MemorySegment target;

  /**
   * Loads the corpus and opens the decoder.
   *
   * @throws IOException when the corpus cannot be read
   */
  @Setup
  public void setUp() throws IOException {
    files = new JpegCorpus(corpus);
    impl =
        decoder.equals("turbojpeg")
            ? TurboJpegDecoder.create(DecodeOptions.defaults())
            : new ImageIoDecoder(DecodeOptions.defaults());
    arena = Arena.ofShared();
    target = arena.allocate(4096L * 4096 * 3, 64);
  }

  /** Frees everything. */
  @TearDown
  public void tearDown() {
    impl.close();
    files.close();
    arena.close();
  }

  /**
   * Decodes the next image at full size to RGB.
   *
   * @return a decoded byte, consumed by JMH
   */
  @Benchmark
  public byte decode() {
    MemorySegment jpeg = files.next();
    ImageInfo info = impl.probe(jpeg);
    impl.decode(jpeg, DctScale.FULL, 3, target, info.width() * 3L);
    return target.get(ValueLayout.JAVA_BYTE, 0);
  }
}
