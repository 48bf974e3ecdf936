package dev.stoker.bench;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.GeometryPlan;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.TurboJpegDecoder;
import dev.stoker.decode.resize.SourceWindow;
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
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.image.DecodeAndCropJpeg;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * The decode step of job T on its own, one thread, per image: what a crop-only decode through
 * TensorFlow's {@code DecodeAndCropJpeg} would cost a Stoker worker, against the full (DCT-scaled
 * where the crop allows) libjpeg-turbo decode that Stoker's workers do today.
 *
 * <p>Each image gets the crop that job T's {@link RandomResizedCrop#tensorflowResNet} draws for it
 * (keyed by the image's index, as the pipeline keys by sample id), and every engine decodes the
 * same image with the same crop:
 *
 * <ul>
 *   <li>{@code turbojpeg}: Stoker's decoder, the whole image at the scale {@link DctScale#choose}
 *       picks for the plan's window, as a pipeline worker ({@code ImageSampleProcessor}) decodes;
 *   <li>{@code tf-crop}: one {@code Session.run} of {@code DecodeAndCropJpeg} over the plan's
 *       {@link GeometryPlan#sourceBounds()} at full scale, the JPEG copied into a {@code TString}
 *       first, as a decoder fed from the ring would have to;
 *   <li>{@code tf-full}: the same session call with {@code DecodeJpeg} of the whole image, which
 *       separates what the crop saves from what a session call costs.
 * </ul>
 *
 * TensorFlow runs with one intra-op and one inter-op thread and TensorFlow's default IDCT; Stoker
 * with its default, the same accurate integer IDCT.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(1)
@State(Scope.Thread)
public class CropDecodeBenchmark {
  /** The engine under test. */
  @Param({"turbojpeg", "tf-crop", "tf-full"})
  public String engine;

  /** The corpus folder, relative to the repository root. */
  @Param({"testdata/imagenet-like"})
  public String corpus;

  private JpegCorpus files;
  private GeometryPlan[] plans;
  private byte[][] encoded;
  private int next;
  private TurboJpegDecoder turbo;
  private Arena arena;
  private MemorySegment target;
  private Graph graph;
  private Session session;
  private Placeholder<TString> input;
  private Placeholder<TInt32> window;
  private Operand<TUint8> output;

  /**
   * Loads the corpus, draws one crop per image and builds the engine.
   *
   * @throws IOException when the corpus cannot be read
   */
  @Setup
  public void setUp() throws IOException {
    files = new JpegCorpus(corpus);
    turbo = TurboJpegDecoder.create(DecodeOptions.defaults());
    Augmentation crop = Augmentation.builder().add(RandomResizedCrop.tensorflowResNet(224)).build();
    plans = new GeometryPlan[files.size()];
    encoded = new byte[files.size()][];
    for (int i = 0; i < plans.length; i++) {
      MemorySegment jpeg = files.get(i);
      ImageInfo info = turbo.probe(jpeg);
      plans[i] = crop.plan(42, 0, i, info.width(), info.height()).geometry();
      encoded[i] = jpeg.toArray(ValueLayout.JAVA_BYTE);
    }
    arena = Arena.ofShared();
    target = arena.allocate(4096L * 4096 * 3, 64);
    if (!engine.equals("turbojpeg")) {
      graph = new Graph();
      Ops tf = Ops.create(graph);
      input = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      window = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(4)));
      output =
          engine.equals("tf-crop")
              ? tf.image.decodeAndCropJpeg(input, window, DecodeAndCropJpeg.channels(3L))
              : tf.image.decodeJpeg(input, DecodeJpeg.channels(3L));
      session =
          new Session(
              graph,
              ConfigProto.newBuilder()
                  .setIntraOpParallelismThreads(1)
                  .setInterOpParallelismThreads(1)
                  .build());
    }
  }

  /** Frees everything. */
  @TearDown
  public void tearDown() {
    if (session != null) {
      session.close();
      graph.close();
    }
    turbo.close();
    files.close();
    arena.close();
  }

  /**
   * Decodes the next image as the engine does.
   *
   * @return a decoded byte, consumed by JMH
   */
  @Benchmark
  public byte decode() {
    int i = next;
    next = next + 1 == plans.length ? 0 : next + 1;
    GeometryPlan plan = plans[i];
    if (session == null) {
      MemorySegment jpeg = files.get(i);
      ImageInfo info = turbo.probe(jpeg);
      DctScale scale =
          DctScale.choose(
              info.width(),
              info.height(),
              plan.window(),
              plan.outputWidth(),
              plan.outputHeight(),
              turbo.scales(info));
      turbo.decode(jpeg, info, scale, 3, target, scale.scaled(info.width()) * 3L);
      return target.get(ValueLayout.JAVA_BYTE, 0);
    }
    SourceWindow box = plan.sourceBounds();
    int[] crop = {(int) box.y(), (int) box.x(), (int) box.height(), (int) box.width()};
    try (TString bytes = TString.tensorOfBytes(NdArrays.scalarOfObject(encoded[i]));
        TInt32 cropWindow = TInt32.vectorOf(crop);
        Result result =
            session.runner().feed(input, bytes).feed(window, cropWindow).fetch(output).run()) {
      return ((TUint8) result.get(0)).getByte(0, 0, 0);
    }
  }
}
