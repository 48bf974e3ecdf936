package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.decode.resize.SourceWindow;
import org.junit.jupiter.api.Test;

/**
 * The invariants of {@link RandomResizedCrop.Sampling#TENSORFLOW} that follow from the definition
 * of {@code sample_distorted_bounding_box}; the distribution itself is compared with TensorFlow's
 * op in the bench module ({@code CropDistributionTest}).
 */
class TensorFlowCropSamplingTest {
  private static final int N = 20_000;

  @Test
  void boxesCoverTheObjectShareStayInsideAndNeverTouchTheFarEdgeUnlessTheySpanIt() {
    int w = 500;
    int h = 375;
    Augmentation aug = Augmentation.builder().add(RandomResizedCrop.tensorflowResNet(224)).build();
    int whole = 0;
    double smallest = 1;
    for (int id = 0; id < N; id++) {
      SourceWindow box = aug.plan(3, 0, id, w, h).geometry().window();
      double share = box.width() * box.height() / (w * (double) h);
      assertThat(box.x()).isGreaterThanOrEqualTo(0);
      assertThat(box.y()).isGreaterThanOrEqualTo(0);
      assertThat(box.x() + box.width()).isLessThanOrEqualTo(w);
      assertThat(box.y() + box.height()).isLessThanOrEqualTo(h);
      // min_object_covered=0.1 with the image as the object: never below 10 % of the area, although
      // the area range starts at 5 %.
      assertThat(share).isGreaterThanOrEqualTo(0.1);
      if (box.width() < w) {
        assertThat(box.x() + box.width()).isLessThan(w);
      }
      if (box.height() < h) {
        assertThat(box.y() + box.height()).isLessThan(h);
      }
      if (box.width() == w && box.height() == h) {
        whole++;
      }
      smallest = Math.min(smallest, share);
    }
    // The smallest boxes come close to the 10 % bound, and some draws use the whole image.
    assertThat(smallest).isLessThan(0.11);
    assertThat(whole).isPositive();
  }

  @Test
  void aRatioRangeNoBoxCanMeetFallsBackToTheWholeImage() {
    // A 100×10 image cannot hold a box of ratio 1/4 to 1/3 with 90 % of its area.
    RandomResizedCrop crop =
        RandomResizedCrop.tensorflowResNet(8).withScale(0.9, 1).withRatio(0.25, 1.0 / 3);
    Augmentation aug = Augmentation.builder().add(crop).build();
    for (int id = 0; id < 100; id++) {
      assertThat(aug.plan(1, 0, id, 100, 10).geometry().window())
          .isEqualTo(new SourceWindow(0, 0, 100, 10));
    }
  }

  @Test
  void theObjectShareIsOnlyForTensorFlowSampling() {
    assertThatThrownBy(
            () ->
                new RandomResizedCrop(
                    8, 8, 0.1, 1, 0.75, 4 / 3.0, RandomResizedCrop.Sampling.TORCHVISION, 0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("minObjectCovered=0.1 (expected:");
  }
}
