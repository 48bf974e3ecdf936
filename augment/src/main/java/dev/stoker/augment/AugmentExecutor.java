package dev.stoker.augment;

import dev.stoker.augment.internal.AffineWarper;
import dev.stoker.augment.internal.FoldedWarp;
import dev.stoker.augment.internal.WindowMean;
import dev.stoker.core.Checks;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.decode.resize.ColorTransform;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import dev.stoker.decode.resize.SourceWindow;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Carries out {@link SamplePlan}s: writes the augmented, normalised, cast image of one sample
 * straight into its slot of a batch.
 *
 * <pre>{@code
 * try (AugmentExecutor executor = new AugmentExecutor(augmentation, budget)) { // one per worker
 *   for (...) {
 *     SamplePlan plan = augmentation.plan(seed, epoch, id, width, height).atDecodedSize(dw, dh);
 *     executor.execute(plan, decoded, SampleTarget.of(slab, layout, slot));
 *   }
 * }
 * }</pre>
 *
 * <h2>Passes</h2>
 *
 * An {@link GeometryPlan#isAxisAligned() axis-aligned} plan (crop, resize, flips, colour,
 * normalisation, cast: the usual training recipe) is one call of the decode module's {@link
 * Resizer}, reading the source window and writing final values into the target, with no
 * intermediate image. A plan with an affine warp (rotation, shear, zoom, shift) and the bilinear
 * filter is one pass too: {@link FoldedWarp} maps every output pixel through the warp and the
 * window straight into the source, interpolates once, and colours, normalises and casts on the way
 * (see its class comment for what a pixel is at the border, where the fill mode applies). Other
 * plans (a quarter turn without a warp, or a warp with another filter) take three passes over
 * output-sized 8-bit scratch images: the resizer resamples the window into scratch A; {@link
 * AffineWarper} warps A into scratch B (bilinear with the fill mode, or an exact index remap for
 * quarter turns and flips alone); the resizer then copies B one to one into the target, applying
 * colour, normalisation and cast. The scratch images are allocated from the budget given to the
 * constructor when the first such plan comes, and kept until {@link #close()}: an executor whose
 * plans all fold (or never warp) holds none.
 *
 * <p>A padded plan ({@link ResizeWithPad}) first writes black over the whole target (one pass
 * through the same colour and normalisation, so padding reads as the value black takes), then
 * resamples the window into the {@link GeometryPlan#content() content} region; with a warp, the
 * padded image is built in scratch A.
 *
 * <h2>Contrast</h2>
 *
 * Contrast blends towards the image's mean gray level. In one pass that mean is not known before
 * the pixels are written, so the executor estimates the window's mean colour first with a cheap
 * strided read of the source ({@link WindowMean}: at most 32 × 32 pixels). On the warp paths it
 * reads the same grid over the warped image, which is exactly the image being coloured, fill
 * included: over scratch B, or, folded, by computing those pixels.
 *
 * <p><b>Ownership and threading.</b> Not thread-safe: each worker thread creates its own executor
 * and is the only one to use and close it. {@link #close()} returns the scratch memory to the
 * budget; it is idempotent, and {@link #execute} afterwards throws {@link IllegalStateException}.
 */
public final class AugmentExecutor implements AutoCloseable {
  private final Resizer resizer = new Resizer();
  private final FoldedWarp folded = new FoldedWarp();
  private final double[] mean = new double[3];
  private final MemorySegment black = MemorySegment.ofArray(new byte[3]); // padding's source
  private final int width;
  private final int height;
  private final boolean mayWarp;
  private final MemoryBudget budget;
  private @Nullable OffHeapBuffer scratch; // allocated by the first three-pass plan
  private boolean closed;

  /**
   * Creates an executor for the plans of one augmentation.
   *
   * @param augmentation the augmentation whose plans this executor runs; fixes the output size
   * @param budget where the scratch images come from ({@code 2 × width × height × 3} bytes), on the
   *     first plan that warps without folding
   */
  public AugmentExecutor(Augmentation augmentation, MemoryBudget budget) {
    this.width = augmentation.outputWidth();
    this.height = augmentation.outputHeight();
    this.mayWarp = augmentation.mayWarp();
    this.budget = budget;
  }

  /**
   * Writes one sample.
   *
   * @param plan the sample's plan, for a source of exactly {@code source}'s size (see {@link
   *     SamplePlan#atDecodedSize(int, int)})
   * @param source the decoded image, RGB or gray
   * @param target where the output goes, of the plan's output size, UINT8 or FLOAT32
   * @throws IllegalArgumentException when the source or target size does not match the plan, or the
   *     plan's output is larger than this executor's augmentation's
   * @throws IllegalStateException after {@link #close()}
   * @throws dev.stoker.core.memory.BudgetExceededException when the first plan that needs the
   *     scratch images finds the budget with too little left
   */
  public void execute(SamplePlan plan, PixelBuffer source, SampleTarget target) {
    if (closed) {
      throw new IllegalStateException("augment executor is closed");
    }
    GeometryPlan g = plan.geometry();
    if (source.width() != g.sourceWidth() || source.height() != g.sourceHeight()) {
      throw new IllegalArgumentException(
          Checks.message(
              "source",
              source.width() + "×" + source.height(),
              "the plan's source size "
                  + g.sourceWidth()
                  + "×"
                  + g.sourceHeight()
                  + " (rescale the plan with atDecodedSize)"));
    }
    if (target.width() != g.outputWidth() || target.height() != g.outputHeight()) {
      throw new IllegalArgumentException(
          Checks.message(
              "target",
              target.width() + "×" + target.height(),
              "the plan's output size " + g.outputWidth() + "×" + g.outputHeight()));
    }
    ResizeSpec.Builder last =
        ResizeSpec.builder()
            .normalize(plan.normalization().scales(), plan.normalization().offsets());
    if (FoldedWarp.canFold(g) && !g.isPadded() && target.channels() == 3) {
      folded.prepare(g, source);
      ColorTransform transform = ColorTransform.identity();
      if (!plan.color().isIdentity()) {
        if (plan.color().needsMean()) {
          folded.mean(mean);
        }
        transform = color(plan.color(), null, g.window());
      }
      folded.write(
          transform, plan.normalization().scales(), plan.normalization().offsets(), target);
      return;
    }
    if (g.isAxisAligned()) {
      ColorTransform colour = color(plan.color(), source, g.window());
      SampleTarget into = target;
      if (g.isPadded()) {
        // Black everywhere, coloured and normalised like the image; then the image over it.
        PixelBuffer blackPixel = PixelBuffer.packed(black, 1, 1, source.channels());
        resizer.resize(blackPixel, last.filter(ResizeFilter.NEAREST).color(colour).build(), target);
        OutputRegion c = g.content();
        into =
            region(
                target,
                g.flipHorizontal() ? g.outputWidth() - c.x() - c.width() : c.x(),
                g.flipVertical() ? g.outputHeight() - c.y() - c.height() : c.y(),
                c.width(),
                c.height());
      }
      ResizeSpec spec =
          last.filter(g.filter())
              .window(g.window())
              .flipHorizontal(g.flipHorizontal())
              .flipVertical(g.flipVertical())
              .color(colour)
              .build();
      resizer.resize(source, spec, into);
      return;
    }
    int w = g.outputWidth();
    int h = g.outputHeight();
    long bytes = (long) w * h * 3;
    if (!mayWarp || (long) w * h > (long) width * height) {
      throw new IllegalArgumentException(
          Checks.message(
              "plan output",
              w + "×" + h,
              "a warp-free plan, or at most this executor's " + width + "×" + height));
    }
    OffHeapBuffer buffers = scratch;
    if (buffers == null) {
      buffers =
          budget.allocate(
              "augment scratch " + width + "×" + height + " ×2", 2L * width * height * 3);
      scratch = buffers;
    }
    MemorySegment a = buffers.segment().asSlice(0, bytes);
    MemorySegment b = buffers.segment().asSlice(bytes, bytes);
    SampleTarget resized = new SampleTarget(a, 0, w, h, 3, ElementType.UINT8, 3L * w, 3, 1);
    if (g.isPadded()) { // the padded image, which the warp then treats as the image
      a.fill((byte) 0);
      OutputRegion c = g.content();
      resized = region(resized, c.x(), c.y(), c.width(), c.height());
    }
    resizer.resize(
        source, ResizeSpec.builder().filter(g.filter()).window(g.window()).build(), resized);
    AffineWarper.warp(
        PixelBuffer.packed(a, w, h, 3),
        g.outputToResized(),
        g.warp() == null,
        g.fillMode(),
        g.fillValue(),
        b);
    PixelBuffer warped = PixelBuffer.packed(b, w, h, 3);
    ResizeSpec spec =
        last.filter(ResizeFilter.NEAREST)
            .color(color(plan.color(), warped, SourceWindow.full(w, h)))
            .build();
    resizer.resize(warped, spec, target);
  }

  /** The part of a target from column {@code x}, row {@code y}: same strides, moved offset. */
  private static SampleTarget region(SampleTarget t, int x, int y, int width, int height) {
    return new SampleTarget(
        t.segment(),
        t.offset() + y * t.rowStride() + x * t.pixelStride(),
        width,
        height,
        t.channels(),
        t.elementType(),
        t.rowStride(),
        t.pixelStride(),
        t.channelStride());
  }

  /**
   * Returns the sample's colour transform; the contrast step's mean comes from {@code image}'s
   * window, or, without an image, is already in {@link #mean}.
   */
  private ColorTransform color(ColorPlan plan, @Nullable PixelBuffer image, SourceWindow window) {
    if (plan.isIdentity()) {
      return ColorTransform.identity();
    }
    if (plan.needsMean()) {
      if (image != null) {
        WindowMean.of(image, window, mean);
      }
    } else {
      mean[0] = 0;
      mean[1] = 0;
      mean[2] = 0;
    }
    return plan.transform(mean[0], mean[1], mean[2]);
  }

  /** Returns the scratch memory to the budget. Idempotent; call from the owning thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (scratch != null) {
      scratch.close();
    }
  }
}
