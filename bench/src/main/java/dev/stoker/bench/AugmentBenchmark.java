package dev.stoker.bench;

import dev.stoker.augment.AugmentExecutor;
import dev.stoker.augment.Augmentation;
import dev.stoker.augment.HorizontalFlip;
import dev.stoker.augment.Normalization;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.augment.RandomRotation;
import dev.stoker.augment.SamplePlan;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import dev.stoker.decode.resize.SourceWindow;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
 * The price of augmentation on top of resizing: a seeded random-resized crop to 224×224, a random
 * horizontal flip and a 1/255 rescale to float32 (planning included), against a plain bilinear
 * resize of the whole image to 224×224 uint8, on the same decoded image, one sample slot of a batch
 * each. The target is at most 1.2× the plain resize.
 *
 * <p>The decoded image is synthetic (a gradient plus per-pixel noise): the kernel's cost depends on
 * the sizes, not on the content.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class AugmentBenchmark {
  /** How many sample ids the benchmarks cycle through; the same ids, so the same crops, for all. */
  private static final int WINDOWS = 1024;

  /**
   * The decoded source's width; the height is three quarters of it (500×375 is ImageNet's mode).
   */
  @Param({"500", "1000"})
  public int sourceWidth;

  private MemoryBudget budget;
  private OffHeapBuffer image;
  private OffHeapBuffer floatSlab;
  private OffHeapBuffer byteSlab;
  private PixelBuffer source;
  private Augmentation augmentation;
  private AugmentExecutor executor;
  private Augmentation rotating;
  private Augmentation uint8Augmentation;
  private AugmentExecutor rotatingExecutor;
  private final Resizer resizer = new Resizer();
  private SampleTarget floatTarget;
  private SampleTarget byteTarget;
  private final SourceWindow[] windows = new SourceWindow[WINDOWS];
  private long sampleId;

  /** Builds the image, the two targets and the executor. */
  @Setup(Level.Trial)
  public void setUp() {
    int w = sourceWidth;
    int h = sourceWidth * 3 / 4;
    budget = MemoryBudget.create("augment benchmark", 64L << 20);
    image = budget.allocate("decoded image", (long) w * h * 3);
    SplittableRandom rnd = new SplittableRandom(1);
    MemorySegment px = image.segment();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        long i = ((long) y * w + x) * 3;
        px.set(ValueLayout.JAVA_BYTE, i, (byte) (x * 255 / w + rnd.nextInt(16)));
        px.set(ValueLayout.JAVA_BYTE, i + 1, (byte) (y * 255 / h + rnd.nextInt(16)));
        px.set(ValueLayout.JAVA_BYTE, i + 2, (byte) rnd.nextInt(256));
      }
    }
    source = PixelBuffer.packed(px, w, h, 3);
    BatchLayout floats = new BatchLayout(1, 224, 224, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    BatchLayout bytes = new BatchLayout(1, 224, 224, 3, ElementType.UINT8, ChannelOrder.NHWC);
    floatSlab = budget.allocate("float32 slot", floats.byteSize());
    byteSlab = budget.allocate("uint8 slot", bytes.byteSize());
    floatTarget = SampleTarget.of(floatSlab.segment(), floats, 0);
    byteTarget = SampleTarget.of(byteSlab.segment(), bytes, 0);
    augmentation =
        Augmentation.builder()
            .add(RandomResizedCrop.of(224))
            .add(new HorizontalFlip(0.5))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    executor = new AugmentExecutor(augmentation, budget);
    uint8Augmentation =
        Augmentation.builder().add(RandomResizedCrop.of(224)).add(new HorizontalFlip(0.5)).build();
    rotating =
        Augmentation.builder()
            .add(RandomResizedCrop.of(224))
            .add(new RandomRotation(15))
            .add(new HorizontalFlip(0.5))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    rotatingExecutor = new AugmentExecutor(rotating, budget);
    for (int i = 0; i < WINDOWS; i++) {
      windows[i] = augmentation.plan(42, 0, i, w, h).geometry().window();
    }
  }

  /** Releases everything; the budget checks that nothing leaked. */
  @TearDown(Level.Trial)
  public void tearDown() {
    executor.close();
    rotatingExecutor.close();
    image.close();
    floatSlab.close();
    byteSlab.close();
    budget.close();
  }

  /**
   * Plans and executes a random-resized crop to 224, a flip and a rescale to float32, in one pass.
   *
   * @return a written value, consumed by JMH
   */
  @Benchmark
  public float fusedRandomResizedCropFlipNormalize() {
    SamplePlan plan =
        augmentation.plan(42, 0, sampleId++ % WINDOWS, source.width(), source.height());
    executor.execute(plan, source, floatTarget);
    return floatSlab.segment().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4 * 224 * 3 * 112);
  }

  /**
   * The same crop and flip with no normalisation, cast to uint8: separates the cost of the uint8
   * store from the augmentation.
   *
   * @return a written value, consumed by JMH
   */
  @Benchmark
  public byte fusedRandomResizedCropFlipToUint8() {
    SamplePlan plan =
        uint8Augmentation.plan(42, 0, sampleId++ % WINDOWS, source.width(), source.height());
    executor.execute(plan, source, byteTarget);
    return byteSlab.segment().get(ValueLayout.JAVA_BYTE, 224 * 3 * 112);
  }

  /**
   * The same with a random rotation of up to 15°: the crop, resize and rotation folded into one
   * inverse-mapped bilinear pass from the source (the augment module's {@code FoldedWarp}), then
   * normalise and cast on the way. The target is at most 2× {@link
   * #fusedRandomResizedCropFlipNormalize()}.
   *
   * @return a written value, consumed by JMH
   */
  @Benchmark
  public float warpedRandomResizedCropRotateFlipNormalize() {
    SamplePlan plan = rotating.plan(42, 0, sampleId++ % WINDOWS, source.width(), source.height());
    rotatingExecutor.execute(plan, source, floatTarget);
    return floatSlab.segment().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4 * 224 * 3 * 112);
  }

  /**
   * Resizes the same crop windows as {@link #fusedRandomResizedCropFlipNormalize()} to 224×224
   * uint8, bilinear, with no plan, flip or normalisation: the pixel work alone.
   *
   * @return a written value, consumed by JMH
   */
  @Benchmark
  public byte plainBilinearResizeOfSameCrops() {
    SourceWindow window = windows[(int) (sampleId++ % WINDOWS)];
    resizer.resize(source, ResizeSpec.builder().window(window).build(), byteTarget);
    return byteSlab.segment().get(ValueLayout.JAVA_BYTE, 224 * 3 * 112);
  }

  /**
   * Resizes the whole image to 224×224 uint8, bilinear.
   *
   * @return a written value, consumed by JMH
   */
  @Benchmark
  public byte plainBilinearResize() {
    resizer.resize(source, ResizeSpec.bilinear(), byteTarget);
    return byteSlab.segment().get(ValueLayout.JAVA_BYTE, 224 * 3 * 112);
  }
}
