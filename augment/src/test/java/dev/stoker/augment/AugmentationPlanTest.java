package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stoker.decode.resize.SourceWindow;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationPlanTest {
  private static final int N = 20_000;

  @Test
  void samePlanForSameKeyWhateverTheCallOrder() {
    Augmentation aug = training();
    SamplePlan first = aug.plan(7, 3, 41, 500, 375);
    for (int id = 0; id < 100; id++) {
      aug.plan(7, 3, id, 500, 375);
    }
    assertThat(aug.plan(7, 3, 41, 500, 375)).isEqualTo(first);
    assertThat(aug.plan(7, 3, 42, 500, 375)).isNotEqualTo(first);
    assertThat(aug.plan(7, 4, 41, 500, 375)).isNotEqualTo(first);
    assertThat(aug.plan(8, 3, 41, 500, 375)).isNotEqualTo(first);
  }

  @Test
  void addingAnOperationDoesNotChangeWhatOthersDraw() {
    Augmentation plain = Augmentation.builder().add(RandomResizedCrop.of(224)).build();
    Augmentation more =
        Augmentation.builder()
            .add(new ColorJitter(0.4, 0.4, 0.4, 0.1))
            .add(RandomResizedCrop.of(224))
            .add(new HorizontalFlip(0.5))
            .add(new RandomRotation(10))
            .build();
    for (int id = 0; id < 50; id++) {
      assertThat(more.plan(1, 0, id, 640, 480).geometry().window())
          .isEqualTo(plain.plan(1, 0, id, 640, 480).geometry().window());
    }
  }

  /**
   * The crop's area share and log aspect ratio follow the distribution of torchvision's algorithm,
   * simulated here with the JDK's generator; compared bin by bin with a chi-square statistic.
   */
  @Test
  void randomResizedCropMatchesTorchvisionDistribution() {
    int w = 500;
    int h = 375;
    Augmentation aug = Augmentation.builder().add(RandomResizedCrop.of(224)).build();
    int bins = 10;
    long[] scaleOurs = new long[bins];
    long[] ratioOurs = new long[bins];
    long[] scaleRef = new long[bins];
    long[] ratioRef = new long[bins];
    double logLo = Math.log(3.0 / 4.0);
    double logHi = Math.log(4.0 / 3.0);
    SplittableRandom jdk = new SplittableRandom(12345);
    for (int i = 0; i < N; i++) {
      SourceWindow win = aug.plan(99, 0, i, w, h).geometry().window();
      assertThat(win.x()).isBetween(0.0, w - win.width());
      assertThat(win.y()).isBetween(0.0, h - win.height());
      assertThat(win.x() % 1).isZero();
      count(win.width() * win.height() / (w * (double) h), 0.08, 1, scaleOurs);
      count(Math.log(win.width() / win.height()), logLo - 0.01, logHi + 0.01, ratioOurs);
      double[] ref = torchvisionCrop(w, h, jdk);
      count(ref[2] * ref[3] / (w * (double) h), 0.08, 1, scaleRef);
      count(Math.log(ref[2] / ref[3]), logLo - 0.01, logHi + 0.01, ratioRef);
    }
    assertSameDistribution(scaleOurs, scaleRef);
    assertSameDistribution(ratioOurs, ratioRef);
  }

  /** torchvision's get_params, written out plainly: x, y, w, h. */
  private static double[] torchvisionCrop(int width, int height, SplittableRandom rnd) {
    double area = width * (double) height;
    for (int i = 0; i < 10; i++) {
      double target = area * (0.08 + 0.92 * rnd.nextDouble());
      double logRatio = Math.log(0.75) + (Math.log(4 / 3.0) - Math.log(0.75)) * rnd.nextDouble();
      double ar = Math.exp(logRatio);
      long cw = Math.round(Math.sqrt(target * ar));
      long ch = Math.round(Math.sqrt(target / ar));
      if (cw > 0 && cw <= width && ch > 0 && ch <= height) {
        return new double[] {rnd.nextInt((int) (width - cw + 1)), 0, cw, ch};
      }
    }
    return new double[] {0, 0, height * 4 / 3.0, height};
  }

  private static void count(double v, double lo, double hi, long[] bins) {
    int b = (int) Math.floor((v - lo) / (hi - lo) * bins.length);
    assertThat(b).as("value %s in [%s, %s]", v, lo, hi).isBetween(-1, bins.length);
    bins[Math.max(0, Math.min(bins.length - 1, b))]++;
  }

  /** Two-sample chi-square over the bins; 10 bins, 9 degrees of freedom, p ≈ 1e-4 at 33.7. */
  private static void assertSameDistribution(long[] a, long[] b) {
    double chi2 = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] + b[i] > 0) {
        double d = a[i] - b[i];
        chi2 += d * d / (a[i] + b[i]);
      }
    }
    assertThat(chi2).as("chi-square of %s vs %s", a, b).isLessThan(33.7);
  }

  @Test
  void randomResizedCropFallsBackToTheCentreWhenNoAttemptFits() {
    // Every attempt needs a height of at least sqrt(0.5·10000·3/4) = 61 > 10 pixels.
    Augmentation aug =
        Augmentation.builder().add(RandomResizedCrop.of(8).withScale(0.5, 1)).build();
    for (int id = 0; id < 20; id++) {
      // ratio 100 > 4/3: the full height, a width of round(10·4/3) = 13, centred: (1000−13) // 2.
      assertThat(aug.plan(5, 0, id, 1000, 10).geometry().window())
          .isEqualTo(new SourceWindow(493, 0, 13, 10));
    }
    // A tall image: ratio 0.01 < 3/4 gives the full width and a height of round(10 / 0.75) = 13.
    assertThat(aug.plan(5, 0, 0, 10, 1000).geometry().window())
        .isEqualTo(new SourceWindow(0, 493, 10, 13));
  }

  @Test
  void resizeShorterSideThenCenterCropIsOneWindow() {
    Augmentation eval =
        Augmentation.builder().add(new ResizeShorterSide(256)).add(CenterCrop.of(224)).build();
    GeometryPlan g = eval.plan(0, 0, 0, 500, 375).geometry();
    // 500×375 → 341×256 (floor(256·500/375)); crop offset round(58.5) = 58 (half to even), 16.
    double sx = 500.0 / 341;
    double sy = 375.0 / 256;
    assertThat(g.window().x()).isCloseTo(58 * sx, within(1e-9));
    assertThat(g.window().y()).isCloseTo(16 * sy, within(1e-9));
    assertThat(g.window().width()).isCloseTo(224 * sx, within(1e-9));
    assertThat(g.window().height()).isCloseTo(224 * sy, within(1e-9));
    assertThat(g.outputWidth()).isEqualTo(224);
    assertThat(g.isAxisAligned()).isTrue();
  }

  @Test
  void centerCropOfPortraitAndOversizedCrop() {
    Augmentation crop = Augmentation.builder().add(new CenterCrop(100, 50)).build();
    assertThat(crop.plan(0, 0, 0, 61, 300).geometry().window())
        .isEqualTo(new SourceWindow(6, 100, 50, 100)); // round(5.5) = 6, round(100) = 100
    assertThat(crop.plan(0, 0, 0, 40, 40).geometry().window())
        .isEqualTo(new SourceWindow(-5, -30, 50, 100));
  }

  @Test
  void flipProbabilityIsRespected() {
    Augmentation aug =
        Augmentation.builder()
            .add(new Resize(8, 8))
            .add(new HorizontalFlip(0.3))
            .add(new VerticalFlip(0.5))
            .build();
    int h = 0;
    int v = 0;
    int both = 0;
    for (int id = 0; id < N; id++) {
      GeometryPlan g = aug.plan(3, 1, id, 64, 64).geometry();
      h += g.flipHorizontal() ? 1 : 0;
      v += g.flipVertical() ? 1 : 0;
      both += g.flipHorizontal() && g.flipVertical() ? 1 : 0;
    }
    assertWithinSigmas(h, N, 0.3);
    assertWithinSigmas(v, N, 0.5);
    assertWithinSigmas(both, N, 0.15); // independent streams
  }

  @Test
  void quarterTurnsAreUniform() {
    Augmentation aug =
        Augmentation.builder().add(new Resize(8, 8)).add(new RandomRotate90()).build();
    int[] counts = new int[4];
    for (int id = 0; id < N; id++) {
      counts[aug.plan(3, 1, id, 64, 48).geometry().quarterTurns()]++;
    }
    for (int c : counts) {
      assertWithinSigmas(c, N, 0.25);
    }
  }

  @Test
  void colorJitterFactorsAndOrder() {
    Augmentation aug =
        Augmentation.builder()
            .add(new Resize(8, 8))
            .add(new ColorJitter(0.4, 1.5, 0.2, 0.1))
            .build();
    Set<Integer> orders = new HashSet<>();
    int[] firstStep = new int[4];
    double sumB = 0;
    double minC = 9;
    double maxC = -9;
    double sumH = 0;
    for (int id = 0; id < N; id++) {
      ColorPlan c = aug.plan(3, 1, id, 64, 48).color();
      assertThat(c.brightness()).isBetween(0.6, 1.4);
      assertThat(c.contrast()).isBetween(0.0, 2.5);
      assertThat(c.saturation()).isBetween(0.8, 1.2);
      assertThat(c.hue()).isBetween(-0.1, 0.1);
      orders.add(c.order());
      firstStep[c.step(0)]++;
      sumB += c.brightness();
      sumH += c.hue();
      minC = Math.min(minC, c.contrast());
      maxC = Math.max(maxC, c.contrast());
    }
    assertThat(orders).hasSize(24);
    for (int f : firstStep) {
      assertWithinSigmas(f, N, 0.25);
    }
    // Uniform on [0.6, 1.4]: mean 1, standard deviation 0.8/√12; 5 standard errors.
    assertThat(sumB / N).isCloseTo(1.0, within(5 * 0.8 / Math.sqrt(12 * N)));
    assertThat(sumH / N).isCloseTo(0.0, within(5 * 0.2 / Math.sqrt(12 * N)));
    assertThat(minC).isLessThan(0.01); // the range is clipped at 0, not shifted
    assertThat(maxC).isGreaterThan(2.49);
  }

  @Test
  void rotationAnglesAreUniformAndFollowKeras() {
    Augmentation aug =
        Augmentation.builder().add(new Resize(30, 40)).add(new RandomRotation(20)).build();
    double sum = 0;
    double sumSq = 0;
    double max = 0;
    for (int id = 0; id < N; id++) {
      AffineMap m = aug.plan(3, 1, id, 64, 48).geometry().warp();
      assertThat(m).isNotNull();
      // In (x, y) the map is [[cos, sin], [−sin, cos]] for Keras' angle θ.
      double theta = Math.atan2(m.b(), m.a());
      assertThat(m.e()).isCloseTo(m.a(), within(1e-12));
      assertThat(m.d()).isCloseTo(-m.b(), within(1e-12));
      assertKerasMap(m, 30, 40, Math.toDegrees(theta), 0, 0, 0, 1, 1);
      double deg = Math.toDegrees(theta);
      sum += deg;
      sumSq += deg * deg;
      max = Math.max(max, Math.abs(deg));
    }
    assertThat(max).isLessThanOrEqualTo(20 + 1e-9).isGreaterThan(19.9);
    assertThat(sum / N).isCloseTo(0, within(5 * 40 / Math.sqrt(12.0 * N)));
    assertThat(sumSq / N).isCloseTo(400 / 3.0, within(6.0)); // variance of U(−20, 20)
  }

  @Test
  void shiftShearAndZoomFollowKeras() {
    Augmentation aug =
        Augmentation.builder()
            .add(new Resize(30, 40))
            .add(new RandomShift(0.2, 0.1))
            .add(new RandomShear(15))
            .add(new RandomZoom(0.8, 1.2))
            .build();
    for (int id = 0; id < 200; id++) {
      AffineMap m = aug.plan(3, 1, id, 64, 48).geometry().warp();
      assertThat(m).isNotNull();
      // With no rotation, (row, col) linear part [[zx, −sin φ·zy], [0, cos φ·zy]]: in (x, y),
      // a = cos φ·zy, b = 0, d = −sin φ·zy, e = zx.
      assertThat(m.b()).isCloseTo(0, within(1e-12));
      double zx = m.e();
      double zy = Math.hypot(m.a(), m.d());
      double phi = Math.toDegrees(Math.atan2(-m.d(), m.a()));
      assertThat(zx).isBetween(0.8, 1.2);
      assertThat(zy).isBetween(0.8, 1.2);
      assertThat(phi).isBetween(-15.0, 15.0);
      // The translation: output centre maps to centre + (ty, tx) in (x, y).
      double ty = m.x(20, 15) - 20;
      double tx = m.y(20, 15) - 15;
      assertThat(ty).isBetween(-0.2 * 40, 0.2 * 40);
      assertThat(tx).isBetween(-0.1 * 30, 0.1 * 30);
      assertKerasMap(m, 30, 40, 0, tx, ty, phi, zx, zy);
    }
  }

  /**
   * Keras' apply_affine_transform in (row, col) pixel indices: input = offset·R·S·Sh·Z·reset ·
   * output, with the centre at (h/2 − 0.5, w/2 − 0.5); compared with the plan's map at a few
   * pixels, moving between index and half-pixel coordinates.
   */
  static void assertKerasMap(
      AffineMap m,
      int h,
      int w,
      double thetaDeg,
      double tx,
      double ty,
      double shearDeg,
      double zx,
      double zy) {
    double t = Math.toRadians(thetaDeg);
    double s = Math.toRadians(shearDeg);
    double[][] rot = {{Math.cos(t), -Math.sin(t), 0}, {Math.sin(t), Math.cos(t), 0}, {0, 0, 1}};
    double[][] shift = {{1, 0, tx}, {0, 1, ty}, {0, 0, 1}};
    double[][] shear = {{1, -Math.sin(s), 0}, {0, Math.cos(s), 0}, {0, 0, 1}};
    double[][] zoom = {{zx, 0, 0}, {0, zy, 0}, {0, 0, 1}};
    double ox = h / 2.0 - 0.5;
    double oy = w / 2.0 - 0.5;
    double[][] offset = {{1, 0, ox}, {0, 1, oy}, {0, 0, 1}};
    double[][] reset = {{1, 0, -ox}, {0, 1, -oy}, {0, 0, 1}};
    double[][] k = mul(offset, mul(rot, mul(shift, mul(shear, mul(zoom, reset)))));
    for (int row = 0; row < h; row += 7) {
      for (int col = 0; col < w; col += 9) {
        double rowIn = k[0][0] * row + k[0][1] * col + k[0][2];
        double colIn = k[1][0] * row + k[1][1] * col + k[1][2];
        assertThat(m.x(col + 0.5, row + 0.5) - 0.5).isCloseTo(colIn, within(1e-9));
        assertThat(m.y(col + 0.5, row + 0.5) - 0.5).isCloseTo(rowIn, within(1e-9));
      }
    }
  }

  private static double[][] mul(double[][] a, double[][] b) {
    double[][] c = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        for (int q = 0; q < 3; q++) {
          c[i][j] += a[i][q] * b[q][j];
        }
      }
    }
    return c;
  }

  @Test
  void decodeScaleAndRescaledWindow() {
    Augmentation aug = Augmentation.builder().add(new CenterCrop(100, 100)).build();
    GeometryPlan big = aug.plan(0, 0, 0, 1000, 1000).geometry();
    assertThat(big.decodeScaleDenominator()).isEqualTo(1); // a 100-pixel window: no reduction
    Augmentation eval = Augmentation.builder().add(new Resize(100, 120)).build();
    GeometryPlan g = eval.plan(0, 0, 0, 1000, 450).geometry();
    assertThat(g.decodeScaleDenominator()).isEqualTo(4); // 1000/8 = 125 ≥ 120 but 450/8 < 100
    GeometryPlan d = g.atDecodedSize(250, 113); // libjpeg: ceil(1000/4), ceil(450/4)
    assertThat(d.window().width()).isCloseTo(250, within(1e-9));
    assertThat(d.window().height()).isCloseTo(113, within(1e-9));
    assertThat(d.sourceWidth()).isEqualTo(250);
    GeometryPlan crop =
        Augmentation.builder()
            .add(new CenterCrop(200, 200))
            .build()
            .plan(0, 0, 0, 1001, 801)
            .geometry()
            .atDecodedSize(501, 401);
    assertThat(crop.window().x()).isCloseTo(400 * 501 / 1001.0, within(1e-9));
    assertThat(crop.window().width()).isCloseTo(200 * 501 / 1001.0, within(1e-9));
  }

  @Test
  void sourceBoundsCoverWhatTheFilterReads() {
    GeometryPlan centre =
        Augmentation.builder().add(CenterCrop.of(100)).build().plan(0, 0, 0, 1000, 800).geometry();
    assertThat(centre.sourceBounds()).isEqualTo(new SourceWindow(449, 349, 102, 102));
    GeometryPlan whole =
        Augmentation.builder().add(new Resize(50, 50)).build().plan(0, 0, 0, 640, 480).geometry();
    assertThat(whole.sourceBounds()).isEqualTo(new SourceWindow(0, 0, 640, 480));
    GeometryPlan triangle =
        Augmentation.builder()
            .add(new CenterCrop(400, 400))
            .add(new Resize(100, 100))
            .filter(dev.stoker.decode.resize.ResizeFilter.TRIANGLE)
            .build()
            .plan(0, 0, 0, 1000, 1000)
            .geometry();
    // The window (300, 300, 400, 400) shrinks 4×: the triangle reaches 4 pixels further.
    assertThat(triangle.sourceBounds()).isEqualTo(new SourceWindow(296, 296, 408, 408));
  }

  @Test
  void buildRejectsIncompleteOrContradictoryRecipes() {
    assertThatThrownBy(() -> Augmentation.builder().add(new HorizontalFlip(0.5)).build())
        .hasMessageStartingWith("operations=[] (expected: a RandomResizedCrop, CenterCrop or");
    assertThatThrownBy(
            () ->
                Augmentation.builder().add(CenterCrop.of(9)).add(new ResizeShorterSide(8)).build())
        .hasMessageContaining("(expected: a RandomResizedCrop, CenterCrop or Resize as the last");
    assertThatThrownBy(
            () -> Augmentation.builder().add(new Resize(8, 9)).add(new RandomRotate90()).build())
        .hasMessage(
            "RandomRotate90 output=9×8 (expected: a square output, since a quarter turn swaps"
                + " width and height)");
    assertThatThrownBy(
            () -> Augmentation.builder().add(new HorizontalFlip(0.5)).add(new HorizontalFlip(1)))
        .hasMessageStartingWith("operation=HorizontalFlip[probability=1.0] (expected: one");
    assertThatThrownBy(() -> Augmentation.builder().fill(FillMode.CONSTANT, 256))
        .hasMessage("fillValue=256 (expected: in [0, 255])");
  }

  @Test
  void operationsValidateTheirOptions() {
    assertThatThrownBy(() -> RandomResizedCrop.of(224).withScale(0, 1))
        .hasMessage("minScale=0.0 (expected: in (0, 1] and <= maxScale)");
    assertThatThrownBy(() -> RandomResizedCrop.of(224).withRatio(2, 1))
        .hasMessage("maxRatio=1.0 (expected: finite and >= minRatio=2.0)");
    assertThatThrownBy(() -> new HorizontalFlip(1.5))
        .hasMessage("probability=1.5 (expected: in [0, 1])");
    assertThatThrownBy(() -> new ColorJitter(0.1, 0.1, 0.1, 0.6))
        .hasMessage("hue=0.6 (expected: in [0, 0.5])");
    assertThatThrownBy(() -> new RandomZoom(1.2, 0.8))
        .hasMessage("max=0.8 (expected: finite and >= min=1.2)");
    assertThatThrownBy(() -> new RandomRotation(-1))
        .hasMessage("maxDegrees=-1.0 (expected: in [0, 180])");
    assertThatThrownBy(() -> new RandomShift(0.1, 1.5))
        .hasMessage("heightFraction=1.5 (expected: in [0, 1])");
    assertThatThrownBy(() -> new ResizeShorterSide(0)).hasMessage("size=0 (expected: > 0)");
    assertThatThrownBy(
            () -> Normalization.standardize(new double[] {0.5, 0.5, 0.5}, new double[] {1, 0, 1}))
        .hasMessage("std=[1.0, 0.0, 1.0] (expected: finite, > 0)");
  }

  private static void assertWithinSigmas(int hits, int n, double p) {
    double sigma = Math.sqrt(n * p * (1 - p));
    assertThat((double) hits).isCloseTo(n * p, within(4.5 * sigma));
  }

  static Augmentation training() {
    return Augmentation.builder()
        .add(RandomResizedCrop.of(224))
        .add(new HorizontalFlip(0.5))
        .add(new ColorJitter(0.4, 0.4, 0.4, 0.1))
        .normalization(Normalization.rescale(1f / 255))
        .build();
  }
}
