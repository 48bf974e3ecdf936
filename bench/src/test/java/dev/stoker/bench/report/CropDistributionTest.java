package dev.stoker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.bench.peer.StokerJob;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Job T's crop sampler against TensorFlow's {@code SampleDistortedBoundingBox}, by the two-sample
 * KS test of {@link CropDistribution}, with fixed seeds on both sides; and the test itself on
 * samples of known distributions.
 */
class CropDistributionTest {
  private static final List<int[]> SHAPES =
      List.of(
          new int[] {500, 375}, new int[] {375, 500}, new int[] {640, 427}, new int[] {333, 500});
  private static final int N = 4000;

  @Test
  void stokersTensorFlowSamplerMatchesTheOp() {
    CropDistribution.Result r = CropDistribution.run(SHAPES, StokerJob.training(224), N, 11);
    assertThat(r.area().p()).as("%s", r).isGreaterThan(0.01);
    assertThat(r.logAspect().p()).as("%s", r).isGreaterThan(0.01);
    assertThat(r.consistent()).isTrue();
    assertThat(Math.abs(r.tfWhole() - r.stokerWhole())).as("%s", r).isLessThan(0.02);
  }

  @Test
  void aWrongAreaRangeIsCaught() {
    Augmentation wrong =
        Augmentation.builder()
            .add(RandomResizedCrop.tensorflowResNet(224).withScale(0.2, 1.0))
            .build();
    CropDistribution.Result r = CropDistribution.run(SHAPES, wrong, N, 11);
    assertThat(r.area().p()).as("%s", r).isLessThan(1e-6);
    assertThat(r.consistent()).isFalse();
  }

  @Test
  void torchvisionsSamplerWithTheSameRangesIsADifferentDistribution() {
    Augmentation torch =
        Augmentation.builder()
            .add(RandomResizedCrop.of(224).withScale(0.05, 1.0).withRatio(0.75, 4.0 / 3))
            .build();
    CropDistribution.Result r = CropDistribution.run(SHAPES, torch, N, 11);
    assertThat(r.area().p()).as("%s", r).isLessThan(1e-6);
  }

  @Test
  void ksAcceptsOneDistributionAndRejectsAShiftedOne() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] a = rnd.doubles(2000).toArray();
    double[] b = rnd.doubles(2000).toArray();
    double[] shifted = rnd.doubles(2000).map(x -> x + 0.1).toArray();
    assertThat(KolmogorovSmirnov.test(a, b).p()).isGreaterThan(0.01);
    KolmogorovSmirnov moved = KolmogorovSmirnov.test(a, shifted);
    // Two uniforms on [0, 1] and [0.1, 1.1] are 0.1 apart at most: D near 0.1, p tiny.
    assertThat(moved.d()).isBetween(0.07, 0.13);
    assertThat(moved.p()).isLessThan(1e-6);
  }

  @Test
  void kolmogorovsDistributionAtKnownPoints() {
    // The classical critical values: Q(1.36) ≈ 0.05, Q(1.63) ≈ 0.01.
    assertThat(KolmogorovSmirnov.q(1.3581)).isBetween(0.049, 0.051);
    assertThat(KolmogorovSmirnov.q(1.6276)).isBetween(0.0095, 0.0105);
  }
}
