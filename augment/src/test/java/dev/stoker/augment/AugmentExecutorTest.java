package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.augment.internal.FoldedWarp;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.SampleTarget;
import dev.stoker.decode.resize.SourceWindow;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AugmentExecutorTest {
  private static final int SW = 97;
  private static final int SH = 73;

  private static PixelBuffer source(Arena arena, byte[] px, int w, int h) {
    MemorySegment seg = arena.allocate(px.length);
    MemorySegment.copy(px, 0, seg, ValueLayout.JAVA_BYTE, 0, px.length);
    return PixelBuffer.packed(seg, w, h, 3);
  }

  private static float valueF(MemorySegment slab, BatchLayout layout, int i, int y, int x, int c) {
    return slab.get(ValueLayout.JAVA_FLOAT_UNALIGNED, layout.offset(i, y, x, c));
  }

  private static int valueB(MemorySegment slab, BatchLayout layout, int i, int y, int x, int c) {
    return slab.get(ValueLayout.JAVA_BYTE, layout.offset(i, y, x, c)) & 0xFF;
  }

  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void fusedCropFlipJitterStandardizeMatchesPlainFormulas(ChannelOrder order) {
    Normalization norm =
        Normalization.standardize(
            new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
    Augmentation aug =
        Augmentation.builder()
            .add(new RandomResizedCrop(24, 20, 0.3, 1, 0.75, 4 / 3.0))
            .add(new HorizontalFlip(0.5))
            .add(new VerticalFlip(0.5))
            .add(new ColorJitter(0.4, 0.4, 0.4, 0.1))
            .normalization(norm)
            .build();
    BatchLayout layout = new BatchLayout(12, 24, 20, 3, ElementType.FLOAT32, order);
    byte[] px = Reference.image(SW, SH, 1);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      PixelBuffer src = source(arena, px, SW, SH);
      MemorySegment slab = arena.allocate(layout.byteSize());
      float[] scale = norm.scales();
      float[] offset = norm.offsets();
      int flips = 0;
      for (int i = 0; i < layout.batch(); i++) {
        SamplePlan plan = aug.plan(11, 2, i, SW, SH);
        assertThat(plan.geometry().isAxisAligned()).isTrue();
        flips += plan.geometry().flipHorizontal() ? 1 : 0;
        executor.execute(plan, src, SampleTarget.of(slab, layout, i));
        double[][][] ref = Reference.crop(px, SW, SH, plan.geometry());
        Reference.jitter(ref, plan.color());
        for (int y = 0; y < 24; y++) {
          for (int x = 0; x < 20; x++) {
            for (int c = 0; c < 3; c++) {
              // Back on the pixel scale: within one gray level (the mean is an estimate).
              double got = (valueF(slab, layout, i, y, x, c) - offset[c]) / scale[c];
              assertThat(got)
                  .as("sample %d (%d, %d, %d) with %s", i, x, y, c, plan)
                  .isCloseTo(ref[y][x][c], org.assertj.core.api.Assertions.within(1.0));
            }
          }
        }
      }
      assertThat(flips).isBetween(1, layout.batch() - 1);
    }
  }

  @Test
  void fusedUint8WithoutColourIsExactToOneLevel() {
    Augmentation aug =
        Augmentation.builder()
            .add(new ResizeShorterSide(40))
            .add(CenterCrop.of(32))
            .add(new HorizontalFlip(1))
            .build();
    BatchLayout layout = new BatchLayout(1, 32, 32, 3, ElementType.UINT8, ChannelOrder.NHWC);
    byte[] px = Reference.image(SW, SH, 4);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      assertThat(budget.usedBytes()).isZero(); // nothing to warp, no scratch
      MemorySegment slab = arena.allocate(layout.byteSize());
      SamplePlan plan = aug.plan(0, 0, 0, SW, SH);
      executor.execute(plan, source(arena, px, SW, SH), SampleTarget.of(slab, layout, 0));
      double[][][] ref = Reference.crop(px, SW, SH, plan.geometry());
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            assertThat(valueB(slab, layout, 0, y, x, c))
                .isBetween(
                    (int) Math.floor(ref[y][x][c] + 0.5) - 1, (int) (ref[y][x][c] + 0.5) + 1);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(FillMode.class)
  void affineWarpMatchesKerasIndexFormulaWithFill(FillMode mode) {
    int w = 40;
    int h = 30;
    byte[] px = Reference.image(w, h, 2);
    // Keras' matrix for θ = 17°, shift (tx, ty) = (3, −5), shear 8°, zoom (0.9, 1.15), in
    // (row, col) index coordinates about (h/2 − 0.5, w/2 − 0.5).
    double t = Math.toRadians(17);
    double s = Math.toRadians(8);
    double zx = 0.9;
    double zy = 1.15;
    double[][] l = {
      {Math.cos(t) * zx, (-Math.cos(t) * Math.sin(s) - Math.sin(t) * Math.cos(s)) * zy},
      {Math.sin(t) * zx, (-Math.sin(t) * Math.sin(s) + Math.cos(t) * Math.cos(s)) * zy}
    };
    double tr = Math.cos(t) * 3 - Math.sin(t) * -5;
    double tc = Math.sin(t) * 3 + Math.cos(t) * -5;
    double or = h / 2.0 - 0.5;
    double oc = w / 2.0 - 0.5;
    // The same map between half-pixel (x, y) coordinates, for the plan.
    AffineMap map =
        new AffineMap(
            l[1][1],
            l[1][0],
            oc + tc + 0.5 - l[1][1] * (oc + 0.5) - l[1][0] * (or + 0.5),
            l[0][1],
            l[0][0],
            or + tr + 0.5 - l[0][1] * (oc + 0.5) - l[0][0] * (or + 0.5));
    GeometryPlan g =
        new GeometryPlan(
            w,
            h,
            SourceWindow.full(w, h),
            w,
            h,
            ResizeFilter.BILINEAR,
            map,
            mode,
            77,
            0,
            false,
            false);
    SamplePlan plan = new SamplePlan(g, ColorPlan.IDENTITY, Normalization.none());
    Augmentation aug =
        Augmentation.builder().add(new Resize(h, w)).add(new RandomRotation(30)).build();
    BatchLayout layout = new BatchLayout(1, h, w, 3, ElementType.UINT8, ChannelOrder.NCHW);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      MemorySegment slab = arena.allocate(layout.byteSize());
      executor.execute(plan, source(arena, px, w, h), SampleTarget.of(slab, layout, 0));
      int filled = 0;
      for (int row = 0; row < h; row++) {
        for (int col = 0; col < w; col++) {
          double rowIn = l[0][0] * (row - or) + l[0][1] * (col - oc) + tr + or;
          double colIn = l[1][0] * (row - or) + l[1][1] * (col - oc) + tc + oc;
          filled += rowIn < 0 || colIn < 0 || rowIn > h - 1 || colIn > w - 1 ? 1 : 0;
          for (int c = 0; c < 3; c++) {
            double ref = Reference.warpTap(px, w, h, rowIn, colIn, c, mode, 77);
            assertThat(valueB(slab, layout, 0, row, col, c))
                .as("%s at (%d, %d, %d)", mode, row, col, c)
                .isBetween((int) Math.floor(ref + 0.5) - 1, (int) Math.floor(ref + 0.5) + 1);
          }
        }
      }
      assertThat(filled).as("pixels that exercise the fill mode").isGreaterThan(50);
    }
  }

  @Test
  void quarterTurnsAndFlipsAreExactIndexRemaps() {
    int n = 16;
    byte[] px = Reference.image(n, n, 3);
    Augmentation aug =
        Augmentation.builder()
            .add(new Resize(n, n))
            .add(new RandomRotate90())
            .add(new HorizontalFlip(0.5))
            .add(new VerticalFlip(0.5))
            .build();
    BatchLayout layout = new BatchLayout(1, n, n, 3, ElementType.UINT8, ChannelOrder.NHWC);
    boolean[] seenTurns = new boolean[4];
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      PixelBuffer src = source(arena, px, n, n);
      MemorySegment slab = arena.allocate(layout.byteSize());
      for (int id = 0; id < 24; id++) {
        SamplePlan plan = aug.plan(5, 0, id, n, n);
        GeometryPlan g = plan.geometry();
        seenTurns[g.quarterTurns()] = true;
        executor.execute(plan, src, SampleTarget.of(slab, layout, 0));
        // np.rot90 k times (out[i][j] = in[j][n−1−i]), then the flips.
        int[][][] img = new int[n][n][3];
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            for (int c = 0; c < 3; c++) {
              img[y][x][c] = Reference.at(px, n, x, y, c);
            }
          }
        }
        for (int k = 0; k < g.quarterTurns(); k++) {
          int[][][] next = new int[n][n][];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              next[i][j] = img[j][n - 1 - i];
            }
          }
          img = next;
        }
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            int[] p = img[g.flipVertical() ? n - 1 - y : y][g.flipHorizontal() ? n - 1 - x : x];
            for (int c = 0; c < 3; c++) {
              assertThat(valueB(slab, layout, 0, y, x, c)).as("%s", g).isEqualTo(p[c]);
            }
          }
        }
      }
    }
    assertThat(seenTurns).containsOnly(true);
  }

  @Test
  void warpPathColoursTheWarpedImageWithItsOwnMean() {
    int n = 16;
    byte[] px = Reference.image(n, n, 5);
    Augmentation aug =
        Augmentation.builder()
            .add(new Resize(n, n))
            .add(new RandomRotate90())
            .add(new ColorJitter(0.3, 0.8, 0.5, 0.2))
            .normalization(Normalization.rescale(1f / 255))
            .build();
    BatchLayout layout = new BatchLayout(1, n, n, 3, ElementType.FLOAT32, ChannelOrder.NCHW);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      PixelBuffer src = source(arena, px, n, n);
      MemorySegment slab = arena.allocate(layout.byteSize());
      for (int id = 0; id < 8; id++) {
        SamplePlan plan = aug.plan(9, 0, id, n, n);
        executor.execute(plan, src, SampleTarget.of(slab, layout, 0));
        // Turn the image (a turn keeps the mean), then jitter it with the exact mean.
        double[][][] img = new double[n][n][3];
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            int sx = x;
            int sy = y;
            for (int k = 0; k < plan.geometry().quarterTurns(); k++) {
              int t = sx;
              sx = n - 1 - sy;
              sy = t;
            }
            for (int c = 0; c < 3; c++) {
              img[y][x][c] = Reference.at(px, n, sx, sy, c);
            }
          }
        }
        Reference.jitter(img, plan.color());
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            for (int c = 0; c < 3; c++) {
              assertThat(valueF(slab, layout, 0, y, x, c) * 255.0)
                  .as("sample %d (%d, %d, %d) %s", id, x, y, c, plan)
                  .isCloseTo(img[y][x][c], org.assertj.core.api.Assertions.within(0.6));
            }
          }
        }
      }
    }
  }

  @Test
  void graySourceBecomesRgbOnBothPaths() {
    int w = 30;
    int h = 20;
    byte[] gray = new byte[w * h];
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      gray[i] = (byte) (i * 7 % 256);
      rgb[3 * i] = gray[i];
      rgb[3 * i + 1] = gray[i];
      rgb[3 * i + 2] = gray[i];
    }
    BatchLayout layout = new BatchLayout(2, 16, 16, 3, ElementType.UINT8, ChannelOrder.NHWC);
    for (Augmentation aug :
        new Augmentation[] {
          Augmentation.builder()
              .add(new RandomResizedCrop(16, 16, 0.5, 1, 0.75, 4 / 3.0))
              .add(new ColorJitter(0.3, 0.3, 0, 0))
              .build(),
          Augmentation.builder()
              .add(new RandomResizedCrop(16, 16, 0.5, 1, 0.75, 4 / 3.0))
              .add(new RandomRotation(20))
              .add(new ColorJitter(0.3, 0.3, 0, 0))
              .build()
        }) {
      try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
          Arena arena = Arena.ofConfined();
          AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
        MemorySegment graySeg = arena.allocate(gray.length);
        MemorySegment.copy(gray, 0, graySeg, ValueLayout.JAVA_BYTE, 0, gray.length);
        MemorySegment slab = arena.allocate(layout.byteSize());
        for (int id = 0; id < 5; id++) {
          SamplePlan plan = aug.plan(1, 0, id, w, h);
          executor.execute(
              plan, PixelBuffer.packed(graySeg, w, h, 1), SampleTarget.of(slab, layout, 0));
          executor.execute(plan, source(arena, rgb, w, h), SampleTarget.of(slab, layout, 1));
          for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
              for (int c = 0; c < 3; c++) {
                assertThat(valueB(slab, layout, 0, y, x, c))
                    .as("%s sample %d (%d, %d, %d)", aug, id, x, y, c)
                    .isEqualTo(valueB(slab, layout, 1, y, x, c));
              }
            }
          }
        }
      }
    }
  }

  /**
   * The crop-aware decode flow: a plan drawn for the full-size image, executed on the image decoded
   * at half size (here a 2×2 box average, as a DCT 1/2 decode approximates), matches the full-size
   * result to within the blur the halving adds.
   */
  @Test
  void planForFullSizeRunsOnAHalfSizeDecode() {
    int w = 2 * SW;
    int h = 2 * SH;
    byte[] full = Reference.image(w, h, 6);
    byte[] half = new byte[SW * SH * 3];
    for (int y = 0; y < SH; y++) {
      for (int x = 0; x < SW; x++) {
        for (int c = 0; c < 3; c++) {
          int sum =
              Reference.at(full, w, 2 * x, 2 * y, c)
                  + Reference.at(full, w, 2 * x + 1, 2 * y, c)
                  + Reference.at(full, w, 2 * x, 2 * y + 1, c)
                  + Reference.at(full, w, 2 * x + 1, 2 * y + 1, c);
          half[(y * SW + x) * 3 + c] = (byte) ((sum + 2) / 4);
        }
      }
    }
    Augmentation aug =
        Augmentation.builder()
            .add(new RandomResizedCrop(24, 24, 0.5, 1, 0.75, 4 / 3.0))
            .add(new HorizontalFlip(0.5))
            .build();
    BatchLayout layout = new BatchLayout(2, 24, 24, 3, ElementType.UINT8, ChannelOrder.NHWC);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      MemorySegment slab = arena.allocate(layout.byteSize());
      PixelBuffer fullSrc = source(arena, full, w, h);
      PixelBuffer halfSrc = source(arena, half, SW, SH);
      for (int id = 0; id < 10; id++) {
        SamplePlan plan = aug.plan(2, 0, id, w, h);
        assertThat(plan.geometry().decodeScaleDenominator()).isGreaterThanOrEqualTo(2);
        executor.execute(plan, fullSrc, SampleTarget.of(slab, layout, 0));
        executor.execute(plan.atDecodedSize(SW, SH), halfSrc, SampleTarget.of(slab, layout, 1));
        long diff = 0;
        for (int y = 0; y < 24; y++) {
          for (int x = 0; x < 24; x++) {
            for (int c = 0; c < 3; c++) {
              diff += Math.abs(valueB(slab, layout, 0, y, x, c) - valueB(slab, layout, 1, y, x, c));
            }
          }
        }
        assertThat(diff / (24.0 * 24 * 3))
            .as("mean absolute difference, sample %d", id)
            .isLessThan(4);
      }
    }
  }

  @Test
  void scratchIsTakenOnlyByTheFirstPlanThatNeedsItAndReturnedOnClose() {
    Augmentation shear =
        Augmentation.builder().add(RandomResizedCrop.of(32)).add(new RandomShear(10)).build();
    Augmentation turn =
        Augmentation.builder().add(RandomResizedCrop.of(32)).add(new RandomRotate90()).build();
    BatchLayout layout = new BatchLayout(1, 32, 32, 3, ElementType.UINT8, ChannelOrder.NHWC);
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined()) {
      MemorySegment slab = arena.allocate(layout.byteSize());
      PixelBuffer src = source(arena, Reference.image(SW, SH, 0), SW, SH);
      try (AugmentExecutor folding = new AugmentExecutor(shear, budget)) {
        for (int id = 0; id < 8; id++) {
          SamplePlan plan = shear.plan(0, 0, id, SW, SH);
          assertThat(FoldedWarp.canFold(plan.geometry())).isTrue();
          folding.execute(plan, src, SampleTarget.of(slab, layout, 0));
        }
        assertThat(budget.usedBytes()).as("folded warps need no scratch").isZero();
      }
      AugmentExecutor executor = new AugmentExecutor(turn, budget);
      assertThat(budget.usedBytes()).as("before the first plan").isZero();
      int turned = 0;
      for (int id = 0; id < 16; id++) {
        SamplePlan plan = turn.plan(0, 0, id, SW, SH);
        assertThat(FoldedWarp.canFold(plan.geometry())).isFalse();
        executor.execute(plan, src, SampleTarget.of(slab, layout, 0));
        turned += plan.geometry().isAxisAligned() ? 0 : 1;
        assertThat(budget.usedBytes())
            .as("after plan %d, %d of them turned", id, turned)
            .isEqualTo(turned == 0 ? 0 : 2 * 32 * 32 * 3);
      }
      assertThat(turned).as("plans with a quarter turn").isPositive();
      executor.close();
      executor.close();
      assertThat(budget.usedBytes()).isZero();
      assertThatThrownBy(
              () ->
                  executor.execute(
                      turn.plan(0, 0, 0, SW, SH), src, SampleTarget.of(slab, layout, 0)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("augment executor is closed");
    }
  }

  @Test
  void mismatchedSizesAreRejectedByName() {
    Augmentation aug = Augmentation.builder().add(RandomResizedCrop.of(32)).build();
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      BatchLayout layout = new BatchLayout(1, 32, 32, 3, ElementType.UINT8, ChannelOrder.NHWC);
      BatchLayout wrong = new BatchLayout(1, 31, 32, 3, ElementType.UINT8, ChannelOrder.NHWC);
      MemorySegment slab = arena.allocate(layout.byteSize());
      PixelBuffer src = source(arena, Reference.image(SW, SH, 0), SW, SH);
      SamplePlan plan = aug.plan(0, 0, 0, 2 * SW, 2 * SH);
      assertThatThrownBy(() -> executor.execute(plan, src, SampleTarget.of(slab, layout, 0)))
          .hasMessage(
              "source=97×73 (expected: the plan's source size 194×146 (rescale the plan with"
                  + " atDecodedSize))");
      SamplePlan scaled = plan.atDecodedSize(SW, SH);
      executor.execute(scaled, src, SampleTarget.of(slab, layout, 0));
      assertThatThrownBy(() -> executor.execute(scaled, src, SampleTarget.of(slab, wrong, 0)))
          .hasMessage("target=32×31 (expected: the plan's output size 32×32)");
    }
  }
}
