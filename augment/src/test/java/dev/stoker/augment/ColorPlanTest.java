package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stoker.decode.resize.ColorTransform;
import org.junit.jupiter.api.Test;

class ColorPlanTest {
  private static final double[][] PIXELS = {
    {10, 200, 30}, {250, 250, 250}, {0, 0, 0}, {128, 64, 32}, {40, 90, 220}, {200, 20, 120}
  };

  /** Every order of the four steps, against the steps applied one by one to the whole image. */
  @Test
  void composedMatrixEqualsStepByStepOnTheImage() {
    int[][] orders = {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}};
    for (int[] o : orders) {
      int order = o[0] | o[1] << 2 | o[2] << 4 | o[3] << 6;
      ColorPlan plan = new ColorPlan(1.3, 0.6, 1.4, 0.07, order);
      double[] mean = new double[3];
      for (double[] p : PIXELS) {
        for (int c = 0; c < 3; c++) {
          mean[c] += p[c] / PIXELS.length;
        }
      }
      ColorTransform t = plan.transform(mean[0], mean[1], mean[2]);
      float[] m = t.matrix();
      float[] b = t.offsets();
      double[][][] img = new double[1][PIXELS.length][];
      for (int i = 0; i < PIXELS.length; i++) {
        img[0][i] = PIXELS[i].clone();
      }
      Reference.jitter(img, plan); // clamps at the end
      for (int i = 0; i < PIXELS.length; i++) {
        for (int r = 0; r < 3; r++) {
          double v = b[r];
          for (int c = 0; c < 3; c++) {
            v += m[3 * r + c] * PIXELS[i][c];
          }
          assertThat(Math.max(0, Math.min(255, v)))
              .as("order %s pixel %d channel %d", java.util.Arrays.toString(o), i, r)
              .isCloseTo(img[0][i][r], within(0.5));
        }
      }
    }
  }

  @Test
  void neutralFactorsAreTheIdentityAndNeedNoMean() {
    assertThat(ColorPlan.IDENTITY.isIdentity()).isTrue();
    assertThat(ColorPlan.IDENTITY.needsMean()).isFalse();
    ColorTransform t = ColorPlan.IDENTITY.transform(0, 0, 0);
    assertThat(t.matrix()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
    assertThat(t.offsets()).containsExactly(0, 0, 0);
    // A half-turn hue shift keeps gray pixels gray (the gray axis is the rotation axis).
    float[] m = new ColorPlan(1, 1, 1, 0.5, ColorPlan.IDENTITY.order()).transform(0, 0, 0).matrix();
    for (int r = 0; r < 3; r++) {
      assertThat(m[3 * r] + m[3 * r + 1] + m[3 * r + 2]).isCloseTo(1f, within(2e-3f));
    }
  }

  @Test
  void zeroContrastGivesTheMeanGrayEverywhere() {
    ColorTransform t = new ColorPlan(1, 0, 1, 0, ColorPlan.IDENTITY.order()).transform(100, 50, 0);
    double gray = 0.2989 * 100 + 0.587 * 50;
    assertThat(t.matrix()).containsOnly(0f);
    for (float o : t.offsets()) {
      assertThat((double) o).isCloseTo(gray, within(1e-3));
    }
  }

  @Test
  void rejectsAnOrderThatIsNotAPermutation() {
    assertThatThrownBy(() -> new ColorPlan(1, 1, 1, 0, 0b00_00_01_00))
        .hasMessage("order=4 (expected: a permutation of 0..3, 2 bits each)");
  }
}
