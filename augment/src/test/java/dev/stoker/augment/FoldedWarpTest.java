package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.stoker.augment.internal.FoldedWarp;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.decode.resize.ColorTransform;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The folded warp (crop, resize and affine warp in one pass from the source) against a plain
 * per-pixel formula written here, and its vector kernel against its scalar kernel.
 */
class FoldedWarpTest {
  private static final int SW = 131;
  private static final int SH = 97;

  private static PixelBuffer source(Arena arena, byte[] px, int w, int h) {
    MemorySegment seg = arena.allocate(px.length);
    MemorySegment.copy(px, 0, seg, ValueLayout.JAVA_BYTE, 0, px.length);
    return PixelBuffer.packed(seg, w, h, 3);
  }

  private static Augmentation warping(int n, FillMode mode) {
    return Augmentation.builder()
        .add(RandomResizedCrop.of(n))
        .add(new RandomRotation(25))
        .add(new RandomShear(10))
        .add(new RandomZoom(0.8, 1.3))
        .add(new HorizontalFlip(0.5))
        .fill(mode, 77)
        .build();
  }

  /**
   * The definition in FoldedWarp's class comment, in double precision: inside, the source
   * (bilinear, edge clamp) at the window point of q; at the border, Keras' fill rule on the grid of
   * rounded resized pixels. Rounded half up.
   */
  private static double expected(byte[] px, GeometryPlan g, int x, int y, int c) {
    int w = g.outputWidth();
    int h = g.outputHeight();
    double sx = g.window().width() / w;
    double sy = g.window().height() / h;
    AffineMap m = g.outputToResized();
    double qx = m.x(x + 0.5, y + 0.5);
    double qy = m.y(x + 0.5, y + 0.5);
    int i = (int) Math.floor(qx - 0.5);
    int j = (int) Math.floor(qy - 0.5);
    if (i >= 0 && j >= 0 && i + 1 < w && j + 1 < h) {
      return Reference.bilinear(px, SW, SH, g.window().x() + qx * sx, g.window().y() + qy * sy, c);
    }
    double fx = qx - 0.5 - i;
    double fy = qy - 0.5 - j;
    double sum = 0;
    for (int dj = 0; dj < 2; dj++) {
      for (int di = 0; di < 2; di++) {
        int ii = Reference.fill(i + di, w, g.fillMode());
        int jj = Reference.fill(j + dj, h, g.fillMode());
        double v =
            ii < 0 || jj < 0
                ? g.fillValue()
                : Math.floor(
                    Reference.bilinear(
                            px,
                            SW,
                            SH,
                            g.window().x() + (ii + 0.5) * sx,
                            g.window().y() + (jj + 0.5) * sy,
                            c)
                        + 0.5);
        sum += v * (di == 0 ? 1 - fx : fx) * (dj == 0 ? 1 - fy : fy);
      }
    }
    return sum;
  }

  /**
   * Tolerance: the kernel maps pixels in float32 and the formula above in double, so a value within
   * a few thousandths of a level of .5 may round the other way. Every value must lie within one
   * level of the rounded formula, and at least 99 % of them must equal it.
   */
  @ParameterizedTest
  @EnumSource(FillMode.class)
  void matchesThePlainFormulaForEveryFillMode(FillMode mode) {
    int w = 45; // not a multiple of any vector length: the last block is partial
    int h = w;
    byte[] px = Reference.image(SW, SH, 4);
    Augmentation aug = warping(w, mode);
    BatchLayout layout = new BatchLayout(1, h, w, 3, ElementType.UINT8, ChannelOrder.NHWC);
    int values = 0;
    int exact = 0;
    int border = 0;
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      PixelBuffer src = source(arena, px, SW, SH);
      MemorySegment slab = arena.allocate(layout.byteSize());
      for (int id = 0; id < 12; id++) {
        SamplePlan plan = aug.plan(3, 0, id, SW, SH);
        GeometryPlan g = plan.geometry();
        assertThat(FoldedWarp.canFold(g)).isTrue();
        executor.execute(plan, src, SampleTarget.of(slab, layout, 0));
        AffineMap m = g.outputToResized();
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            double qx = m.x(x + 0.5, y + 0.5);
            double qy = m.y(x + 0.5, y + 0.5);
            border += qx < 0.5 || qy < 0.5 || qx >= w - 0.5 || qy >= h - 0.5 ? 1 : 0;
            for (int c = 0; c < 3; c++) {
              int want = (int) Math.floor(expected(px, g, x, y, c) + 0.5);
              int got = slab.get(ValueLayout.JAVA_BYTE, layout.offset(0, y, x, c)) & 0xFF;
              assertThat(got)
                  .as("%s id %d at (%d, %d, %d)", mode, id, x, y, c)
                  .isBetween(want - 1, want + 1);
              values++;
              exact += got == want ? 1 : 0;
            }
          }
        }
      }
    }
    assertThat(border).as("pixels that exercise the fill mode").isGreaterThan(500);
    assertThat((double) exact / values).as("share of exact values").isGreaterThanOrEqualTo(0.99);
  }

  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void vectorKernelIsBitIdenticalToScalarKernel(ChannelOrder order) {
    FoldedWarp vector = FoldedWarp.unwarmed();
    assumeThat(vector.vectorised()).as("the Vector API is available").isTrue();
    FoldedWarp scalar = FoldedWarp.scalar();
    int w = 37;
    int h = w;
    byte[] px = Reference.image(SW, SH, 6);
    Augmentation aug = warping(w, FillMode.REFLECT);
    BatchLayout layout = new BatchLayout(1, h, w, 3, ElementType.FLOAT32, order);
    ColorTransform color =
        ColorTransform.of(
            new float[] {0.9f, 0.2f, -0.1f, 0.05f, 1.1f, 0f, -0.2f, 0.1f, 1.3f},
            new float[] {4f, -9f, 12f});
    float[] scales = {1 / 58.4f, 1 / 57.1f, 1 / 57.4f};
    float[] offsets = {-2.1f, -2.0f, -1.8f};
    try (Arena arena = Arena.ofConfined()) {
      PixelBuffer src = source(arena, px, SW, SH);
      MemorySegment a = arena.allocate(layout.byteSize());
      MemorySegment b = arena.allocate(layout.byteSize());
      for (int id = 0; id < 8; id++) {
        GeometryPlan g = aug.plan(8, 0, id, SW, SH).geometry();
        ColorTransform c = id % 2 == 0 ? color : ColorTransform.identity();
        vector.prepare(g, src);
        vector.write(c, scales, offsets, SampleTarget.of(a, layout, 0));
        scalar.prepare(g, src);
        scalar.write(c, scales, offsets, SampleTarget.of(b, layout, 0));
        for (long i = 0; i < layout.byteSize(); i += 4) {
          assertThat(a.get(ValueLayout.JAVA_INT_UNALIGNED, i))
              .as("sample %d, byte %d", id, i)
              .isEqualTo(b.get(ValueLayout.JAVA_INT_UNALIGNED, i));
        }
      }
    }
  }

  @Test
  void contrastBlendsTowardsTheWarpedImagesOwnMean() {
    // 24 × 24 is below the 32-point grid, so the executor's mean is the exact mean of the warped
    // image, fill included; the corners filled with 0 pull it well below the source's mean.
    int n = 24;
    byte[] px = Reference.image(SW, SH, 7);
    Augmentation aug =
        Augmentation.builder()
            .add(RandomResizedCrop.of(n))
            .add(new RandomRotation(30))
            .add(new ColorJitter(0, 0.6, 0, 0))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    BatchLayout layout = new BatchLayout(1, n, n, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      PixelBuffer src = source(arena, px, SW, SH);
      MemorySegment slab = arena.allocate(layout.byteSize());
      for (int id = 0; id < 6; id++) {
        SamplePlan plan = aug.plan(11, 0, id, SW, SH);
        assertThat(FoldedWarp.canFold(plan.geometry())).isTrue();
        executor.execute(plan, src, SampleTarget.of(slab, layout, 0));
        double[][][] img = new double[n][n][3];
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            for (int c = 0; c < 3; c++) {
              img[y][x][c] = Math.floor(expected(px, plan.geometry(), x, y, c) + 0.5);
            }
          }
        }
        Reference.jitter(img, plan.color());
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            for (int c = 0; c < 3; c++) {
              float got = slab.get(ValueLayout.JAVA_FLOAT_UNALIGNED, layout.offset(0, y, x, c));
              // One level of rounding difference in a pixel, times a contrast factor up to 1.6.
              assertThat(got * 255.0)
                  .as("sample %d (%d, %d, %d) %s", id, x, y, c, plan.color())
                  .isCloseTo(img[y][x][c], within(1.7));
            }
          }
        }
      }
    }
  }

  @Test
  void identityResizeGivesTheKerasWarpOfTheSource() {
    // With the window the whole source at its own size, folding changes nothing: every inside
    // pixel is the source, bilinear at the warped point, exactly as the two-pass executor made it.
    int n = 24;
    byte[] px = Reference.image(n, n, 9);
    AffineMap warp = new AffineMap(0.94, -0.31, 3.2, 0.29, 0.97, -2.6);
    GeometryPlan g =
        new GeometryPlan(
            n,
            n,
            dev.stoker.decode.resize.SourceWindow.full(n, n),
            n,
            n,
            dev.stoker.decode.resize.ResizeFilter.BILINEAR,
            warp,
            FillMode.CONSTANT,
            0,
            0,
            false,
            false);
    BatchLayout layout = new BatchLayout(1, n, n, 3, ElementType.UINT8, ChannelOrder.NHWC);
    try (Arena arena = Arena.ofConfined()) {
      PixelBuffer src = source(arena, px, n, n);
      MemorySegment slab = arena.allocate(layout.byteSize());
      FoldedWarp folded = new FoldedWarp();
      folded.prepare(g, src);
      folded.write(
          ColorTransform.identity(),
          new float[] {1, 1, 1},
          new float[] {0, 0, 0},
          SampleTarget.of(slab, layout, 0));
      int inside = 0;
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          double qx = warp.x(x + 0.5, y + 0.5);
          double qy = warp.y(x + 0.5, y + 0.5);
          if (qx < 0.5 || qy < 0.5 || qx >= n - 0.5 || qy >= n - 0.5) {
            continue;
          }
          inside++;
          for (int c = 0; c < 3; c++) {
            double ref = Reference.warpTap(px, n, n, qy - 0.5, qx - 0.5, c, FillMode.CONSTANT, 0);
            int got = slab.get(ValueLayout.JAVA_BYTE, layout.offset(0, y, x, c)) & 0xFF;
            assertThat((double) got).as("(%d, %d, %d)", x, y, c).isCloseTo(ref, within(0.5 + 1e-3));
          }
        }
      }
      assertThat(inside).isGreaterThan(n * n / 2);
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
