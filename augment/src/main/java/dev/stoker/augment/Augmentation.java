package dev.stoker.augment;

import dev.stoker.core.Checks;
import dev.stoker.core.random.KeyedRandom;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.SourceWindow;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A seeded image augmentation: the operations a user wants, composed into one immutable recipe that
 * turns a sample's key into a {@link SamplePlan}, and that an {@link AugmentExecutor} carries out
 * in as few passes over the pixels as the plan allows (one, in the common case).
 *
 * <pre>{@code
 * Augmentation train = Augmentation.builder()
 *     .add(RandomResizedCrop.of(224))
 *     .add(new HorizontalFlip(0.5))
 *     .add(new ColorJitter(0.4, 0.4, 0.4, 0.1))
 *     .normalization(Normalization.standardize(
 *         new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}))
 *     .build();
 *
 * // per sample, on any thread, before decoding: only the header's width and height are needed
 * SamplePlan plan = train.plan(seed, epoch, sampleId, width, height);
 * int denominator = plan.geometry().decodeScaleDenominator();   // decode at 1/denominator
 * plan = plan.atDecodedSize(decodedWidth, decodedHeight);
 * executor.execute(plan, decodedPixels, batchSlot);              // one worker's executor
 * }</pre>
 *
 * <h2>Plan, then execute</h2>
 *
 * Every random parameter of a sample is drawn first, from a {@link KeyedRandom} keyed by {@code
 * (seed, epoch, sampleId)} and a stream index fixed per operation, so a sample gets the same
 * augmentation whatever thread runs it, in whatever order, and adding one operation never changes
 * what another draws. The geometric part of the plan depends only on the source's size, so a
 * decoder can read it before decoding and decode only as much resolution as the output needs.
 *
 * <h2>Order</h2>
 *
 * Sizing operations ({@link RandomResizedCrop}, {@link CenterCrop}, {@link Resize}, {@link
 * ResizeShorterSide}, and last {@link ResizeWithPad}) apply in the order added and only move the
 * window and the output size; the last of them must fix the output size. Then, whatever the order
 * added: the Keras affine warp ({@link RandomRotation}, {@link RandomShift}, {@link RandomShear},
 * {@link RandomZoom}, composed as Keras composes them), quarter turns ({@link RandomRotate90}),
 * flips, colour ({@link ColorJitter}), normalisation and the cast to the target's element type.
 * Each non-sizing operation may appear once.
 *
 * <p><b>Threading.</b> Immutable and thread-safe: share one instance between all workers.
 */
public final class Augmentation {
  private static final int STREAM_SIZING = 0;
  private static final int STREAM_ROTATION = 16;
  private static final int STREAM_SHIFT = 17;
  private static final int STREAM_SHEAR = 18;
  private static final int STREAM_ZOOM = 19;
  private static final int STREAM_ROTATE90 = 20;
  private static final int STREAM_HORIZONTAL_FLIP = 21;
  private static final int STREAM_VERTICAL_FLIP = 22;
  private static final int STREAM_COLOR = 23;
  private static final int STREAM_BRIGHTNESS = 24;
  private static final int STREAM_CHANNEL_SHIFT = 25;
  private static final int MAX_SIZING = 16;

  private final List<Operation> sizing;
  private final @Nullable RandomRotation rotation;
  private final @Nullable RandomShift shift;
  private final @Nullable RandomShear shear;
  private final @Nullable RandomZoom zoom;
  private final @Nullable RandomRotate90 rotate90;
  private final @Nullable HorizontalFlip horizontalFlip;
  private final @Nullable VerticalFlip verticalFlip;
  private final @Nullable ColorJitter colorJitter;
  private final @Nullable RandomBrightness brightness;
  private final @Nullable RandomChannelShift channelShift;
  private final ResizeFilter filter;
  private final FillMode fillMode;
  private final int fillValue;
  private final Normalization normalization;
  private final int outputWidth;
  private final int outputHeight;

  private Augmentation(Builder b, int outputWidth, int outputHeight) {
    this.sizing = List.copyOf(b.sizing);
    this.rotation = b.rotation;
    this.shift = b.shift;
    this.shear = b.shear;
    this.zoom = b.zoom;
    this.rotate90 = b.rotate90;
    this.horizontalFlip = b.horizontalFlip;
    this.verticalFlip = b.verticalFlip;
    this.colorJitter = b.colorJitter;
    this.brightness = b.brightness;
    this.channelShift = b.channelShift;
    this.filter = b.filter;
    this.fillMode = b.fillMode;
    this.fillValue = b.fillValue;
    this.normalization = b.normalization;
    this.outputWidth = outputWidth;
    this.outputHeight = outputHeight;
  }

  /**
   * Starts an augmentation with no operations, the bilinear filter, constant fill with 0 and no
   * normalisation.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the width of every output image.
   *
   * @return the output width in pixels
   */
  public int outputWidth() {
    return outputWidth;
  }

  /**
   * Returns the height of every output image.
   *
   * @return the output height in pixels
   */
  public int outputHeight() {
    return outputHeight;
  }

  /**
   * Tells whether some sample may need a pass beyond the resampling kernel (an affine warp or a
   * quarter turn), and so a scratch image in the executor.
   *
   * @return true when a warp or quarter turn is among the operations
   */
  public boolean mayWarp() {
    return rotation != null || shift != null || shear != null || zoom != null || rotate90 != null;
  }

  /**
   * Draws the plan for one sample. Allocates a few small objects and nothing else; touches no
   * pixels.
   *
   * @param seed the run's seed
   * @param epoch the epoch
   * @param sampleId the sample's id in the dataset
   * @param width the source image's width in pixels, from its header
   * @param height the source image's height in pixels
   * @return the sample's plan
   * @throws IllegalArgumentException when a size is not positive
   */
  public SamplePlan plan(long seed, long epoch, long sampleId, int width, int height) {
    Checks.positive("width", width);
    Checks.positive("height", height);
    KeyedRandom rnd = new KeyedRandom();
    // The window in source pixels, and the integer size of the image it currently stands for.
    double wx = 0;
    double wy = 0;
    double ww = width;
    double wh = height;
    int vw = width;
    int vh = height;
    OutputRegion content = OutputRegion.full(outputWidth, outputHeight);
    for (int i = 0; i < sizing.size(); i++) {
      Operation op = sizing.get(i);
      double[] box; // left, top, width, height in the current image's pixels
      int nw;
      int nh;
      switch (op) {
        case RandomResizedCrop c -> {
          int[] b = c.drawBox(vw, vh, rnd.reset(seed, epoch, sampleId, STREAM_SIZING + i));
          box = new double[] {b[0], b[1], b[2], b[3]};
          nw = c.width();
          nh = c.height();
        }
        case CenterCrop c -> {
          box =
              new double[] {
                (int) Math.rint((vw - c.width()) / 2.0),
                (int) Math.rint((vh - c.height()) / 2.0),
                c.width(),
                c.height()
              };
          nw = c.width();
          nh = c.height();
        }
        case Resize r -> {
          box = new double[] {0, 0, vw, vh};
          nw = r.width();
          nh = r.height();
        }
        case ResizeShorterSide r -> {
          box = new double[] {0, 0, vw, vh};
          int shorter = Math.min(vw, vh);
          int longer = (int) ((long) r.size() * Math.max(vw, vh) / shorter);
          nw = vw <= vh ? r.size() : longer;
          nh = vw <= vh ? longer : r.size();
        }
        case ResizeWithPad p -> {
          content = p.region(vw, vh); // the whole image goes into the region
          box = new double[] {0, 0, vw, vh};
          nw = p.width();
          nh = p.height();
        }
        default -> throw new IllegalStateException("not a sizing operation: " + op);
      }
      double sx = ww / vw;
      double sy = wh / vh;
      wx += box[0] * sx;
      wy += box[1] * sy;
      ww = box[2] * sx;
      wh = box[3] * sy;
      vw = nw;
      vh = nh;
    }
    AffineMap warp = drawWarp(rnd, seed, epoch, sampleId);
    int turns = rotate90 == null ? 0 : rnd.reset(seed, epoch, sampleId, STREAM_ROTATE90).nextInt(4);
    boolean flipH =
        horizontalFlip != null
            && rnd.reset(seed, epoch, sampleId, STREAM_HORIZONTAL_FLIP)
                .nextBoolean(horizontalFlip.probability());
    boolean flipV =
        verticalFlip != null
            && rnd.reset(seed, epoch, sampleId, STREAM_VERTICAL_FLIP)
                .nextBoolean(verticalFlip.probability());
    GeometryPlan geometry =
        new GeometryPlan(
            width,
            height,
            new SourceWindow(wx, wy, ww, wh),
            outputWidth,
            outputHeight,
            filter,
            warp,
            fillMode,
            fillValue,
            turns,
            flipH,
            flipV,
            content);
    ColorPlan color =
        colorJitter == null
            ? ColorPlan.IDENTITY
            : colorJitter.draw(rnd.reset(seed, epoch, sampleId, STREAM_COLOR));
    if (brightness != null || channelShift != null) {
      double factor = 1;
      if (brightness != null) {
        rnd.reset(seed, epoch, sampleId, STREAM_BRIGHTNESS);
        factor = rnd.uniform(brightness.min(), brightness.max());
      }
      double shiftBy = 0;
      if (channelShift != null) {
        rnd.reset(seed, epoch, sampleId, STREAM_CHANNEL_SHIFT);
        shiftBy = rnd.uniform(-channelShift.range(), channelShift.range());
      }
      color = color.scaledAndShifted(factor, shiftBy);
    }
    return new SamplePlan(geometry, color, normalization);
  }

  private @Nullable AffineMap drawWarp(KeyedRandom rnd, long seed, long epoch, long sampleId) {
    if (rotation == null && shift == null && shear == null && zoom == null) {
      return null;
    }
    double degrees = 0;
    if (rotation != null) {
      rnd.reset(seed, epoch, sampleId, STREAM_ROTATION);
      degrees = rnd.uniform(-rotation.maxDegrees(), rotation.maxDegrees());
    }
    double rows = 0;
    double columns = 0;
    if (shift != null) {
      rnd.reset(seed, epoch, sampleId, STREAM_SHIFT);
      rows = rnd.uniform(-shift.heightFraction(), shift.heightFraction()) * outputHeight;
      columns = rnd.uniform(-shift.widthFraction(), shift.widthFraction()) * outputWidth;
    }
    double shearDegrees = 0;
    if (shear != null) {
      rnd.reset(seed, epoch, sampleId, STREAM_SHEAR);
      shearDegrees = rnd.uniform(-shear.maxDegrees(), shear.maxDegrees());
    }
    double zx = 1;
    double zy = 1;
    if (zoom != null) {
      rnd.reset(seed, epoch, sampleId, STREAM_ZOOM);
      zx = rnd.uniform(zoom.min(), zoom.max());
      zy = rnd.uniform(zoom.min(), zoom.max());
    }
    return KerasAffine.inverseMap(
        outputWidth, outputHeight, degrees, rows, columns, shearDegrees, zx, zy);
  }

  @Override
  public String toString() {
    List<Object> ops = new ArrayList<>(sizing);
    for (Object o :
        new Object[] {
          rotation,
          shift,
          shear,
          zoom,
          rotate90,
          horizontalFlip,
          verticalFlip,
          colorJitter,
          channelShift,
          brightness
        }) {
      if (o != null) {
        ops.add(o);
      }
    }
    return "Augmentation["
        + ops
        + ", filter="
        + filter
        + ", fill="
        + fillMode
        + "("
        + fillValue
        + "), "
        + normalization
        + ", output="
        + outputWidth
        + "×"
        + outputHeight
        + "]";
  }

  /** Collects the operations and settings of an {@link Augmentation}. Not thread-safe. */
  public static final class Builder {
    private final List<Operation> sizing = new ArrayList<>();
    private @Nullable RandomRotation rotation;
    private @Nullable RandomShift shift;
    private @Nullable RandomShear shear;
    private @Nullable RandomZoom zoom;
    private @Nullable RandomRotate90 rotate90;
    private @Nullable HorizontalFlip horizontalFlip;
    private @Nullable VerticalFlip verticalFlip;
    private @Nullable ColorJitter colorJitter;
    private @Nullable RandomBrightness brightness;
    private @Nullable RandomChannelShift channelShift;
    private ResizeFilter filter = ResizeFilter.BILINEAR;
    private FillMode fillMode = FillMode.CONSTANT;
    private int fillValue;
    private Normalization normalization = Normalization.none();

    private Builder() {}

    /**
     * Adds an operation. Sizing operations keep their order; every other kind may be added once.
     *
     * @param op the operation
     * @return this builder
     * @throws IllegalArgumentException when a non-sizing operation of the same kind was added
     *     already, or there are more than 16 sizing operations
     */
    public Builder add(Operation op) {
      switch (op) {
        case RandomResizedCrop c -> addSizing(c);
        case CenterCrop c -> addSizing(c);
        case Resize r -> addSizing(r);
        case ResizeShorterSide r -> addSizing(r);
        case ResizeWithPad r -> addSizing(r);
        case RandomRotation r -> rotation = once(rotation, r);
        case RandomShift s -> shift = once(shift, s);
        case RandomShear s -> shear = once(shear, s);
        case RandomZoom z -> zoom = once(zoom, z);
        case RandomRotate90 r -> rotate90 = once(rotate90, r);
        case HorizontalFlip f -> horizontalFlip = once(horizontalFlip, f);
        case VerticalFlip f -> verticalFlip = once(verticalFlip, f);
        case ColorJitter j -> colorJitter = once(colorJitter, j);
        case RandomBrightness r -> brightness = once(brightness, r);
        case RandomChannelShift c -> channelShift = once(channelShift, c);
      }
      return this;
    }

    private void addSizing(Operation op) {
      Checks.require(
          sizing.size() < MAX_SIZING, "operation", op, "at most " + MAX_SIZING + " sizing steps");
      sizing.add(op);
    }

    private static <T extends Operation> T once(@Nullable T existing, T op) {
      Checks.require(
          existing == null,
          "operation",
          op,
          "one " + op.getClass().getSimpleName() + " per augmentation, already have " + existing);
      return op;
    }

    /**
     * Sets the resampling filter of the sizing step.
     *
     * @param filter the filter; {@link ResizeFilter#BILINEAR} by default
     * @return this builder
     */
    public Builder filter(ResizeFilter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * Sets how the affine warp fills points outside the image.
     *
     * @param mode the fill mode; {@link FillMode#CONSTANT} by default
     * @param value the constant for {@link FillMode#CONSTANT}, in {@code [0, 255]}; 0 by default
     * @return this builder
     * @throws IllegalArgumentException when the value is outside {@code [0, 255]}
     */
    public Builder fill(FillMode mode, int value) {
      this.fillMode = mode;
      this.fillValue = Checks.inRange("fillValue", value, 0, 255);
      return this;
    }

    /**
     * Sets the normalisation applied before the cast.
     *
     * @param normalization the normalisation; {@link Normalization#none()} by default
     * @return this builder
     */
    public Builder normalization(Normalization normalization) {
      this.normalization = normalization;
      return this;
    }

    /**
     * Builds the augmentation.
     *
     * @return an immutable augmentation
     * @throws IllegalArgumentException when no sizing operation fixes the output size last, or a
     *     quarter turn is asked for with a non-square output
     */
    public Augmentation build() {
      int w = 0;
      int h = 0;
      for (Operation op : sizing) {
        switch (op) {
          case RandomResizedCrop c -> {
            w = c.width();
            h = c.height();
          }
          case CenterCrop c -> {
            w = c.width();
            h = c.height();
          }
          case Resize r -> {
            w = r.width();
            h = r.height();
          }
          case ResizeWithPad r -> {
            w = r.width();
            h = r.height();
          }
          default -> {
            w = 0;
            h = 0;
          }
        }
      }
      Checks.require(
          w > 0,
          "operations",
          sizing,
          "a RandomResizedCrop, CenterCrop or Resize as the last sizing step, to fix the output"
              + " size (or a ResizeWithPad)");
      for (int i = 0; i < sizing.size() - 1; i++) {
        Checks.require(
            !(sizing.get(i) instanceof ResizeWithPad),
            "operations",
            sizing,
            "ResizeWithPad as the last sizing step only, since its padding is part of the output");
      }
      Checks.require(
          rotate90 == null || w == h,
          "RandomRotate90 output",
          w + "×" + h,
          "a square output, since a quarter turn swaps width and height");
      return new Augmentation(this, w, h);
    }
  }
}
