package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KerasAugmentationTest {
  @Test
  void eachKerasArgumentBecomesItsOperation() {
    KerasAugmentation generator =
        KerasAugmentation.builder()
            .rescale(1f / 255)
            .rotationRange(20)
            .widthShiftRange(0.1)
            .heightShiftRange(0.2)
            .shearRange(10)
            .zoomRange(0.25)
            .horizontalFlip(true)
            .verticalFlip(true)
            .fillMode(FillMode.REFLECT)
            .channelShiftRange(30)
            .brightnessRange(0.5, 1.25)
            .build();
    assertThat(generator.operations())
        .containsExactly(
            new RandomRotation(20),
            new RandomShift(0.1, 0.2),
            new RandomShear(10),
            new RandomZoom(0.75, 1.25),
            new HorizontalFlip(0.5),
            new VerticalFlip(0.5),
            new RandomChannelShift(30),
            new RandomBrightness(0.5, 1.25));
    assertThat(generator.normalization().scales()).containsExactly(1f / 255, 1f / 255, 1f / 255);
    assertThat(generator.normalization().offsets()).containsExactly(0f, 0f, 0f);

    Augmentation augmentation = generator.augmentation(30, 40);
    assertThat(augmentation.outputHeight()).isEqualTo(30);
    assertThat(augmentation.outputWidth()).isEqualTo(40);
    assertThat(augmentation.mayWarp()).isTrue();
    assertThat(augmentation.toString()).contains("fill=REFLECT(0)");
  }

  @Test
  void brightnessAndChannelShiftDrawWithinTheirRangesAndShiftIsScaled() {
    Augmentation aug =
        KerasAugmentation.builder()
            .brightnessRange(0.5, 1.5)
            .channelShiftRange(20)
            .build()
            .augmentation(8, 8);
    Set<Double> factors = new HashSet<>();
    for (long id = 0; id < 200; id++) {
      ColorPlan color = aug.plan(7, 0, id, 8, 8).color();
      assertThat(color.brightness()).isBetween(0.5, 1.5);
      // (x + s)·f: the shift is scaled by the factor, so |shift| <= 20·f.
      assertThat(Math.abs(color.shift())).isLessThanOrEqualTo(20 * color.brightness() + 1e-9);
      assertThat(color.isIdentity()).isFalse();
      factors.add(color.brightness());
      // The colour transform: f on the diagonal, f·s in every offset.
      ColorTransform t = color.transform(0, 0, 0);
      assertThat(t.matrix()[0]).isCloseTo((float) color.brightness(), within(1e-6f));
      assertThat(t.matrix()[1]).isZero();
      assertThat(t.offsets()[2]).isCloseTo((float) color.shift(), within(1e-4f));
    }
    assertThat(factors).hasSizeGreaterThan(150);
    assertThat(factors.stream().mapToDouble(Double::doubleValue).min().orElseThrow())
        .isLessThan(0.6);
    assertThat(factors.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
        .isGreaterThan(1.4);
    assertThat(aug.plan(7, 0, 3, 8, 8).color()).isEqualTo(aug.plan(7, 0, 3, 8, 8).color());
  }

  @Test
  void theKernelWritesTheShiftedScaledClampedAndRescaledValues() {
    // A flat image of (100, 150, 200): every output pixel is clamp((x + s)·f, 0, 255) / 255.
    KerasAugmentation generator =
        KerasAugmentation.builder()
            .rescale(1f / 255)
            .brightnessRange(0.6, 1.6)
            .channelShiftRange(40)
            .build();
    Augmentation aug = generator.augmentation(4, 4);
    BatchLayout layout = new BatchLayout(1, 4, 4, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    int w = 6;
    int h = 5;
    byte[] px = new byte[w * h * 3];
    int[] rgb = {100, 150, 200};
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) rgb[i % 3];
    }
    boolean clamped = false;
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      MemorySegment source = arena.allocate(px.length);
      MemorySegment.copy(px, 0, source, ValueLayout.JAVA_BYTE, 0, px.length);
      MemorySegment slab = arena.allocate(layout.byteSize());
      for (long id = 0; id < 40; id++) {
        SamplePlan plan = aug.plan(5, 0, id, w, h);
        executor.execute(
            plan, PixelBuffer.packed(source, w, h, 3), SampleTarget.of(slab, layout, 0));
        double factor = plan.color().brightness();
        double shift = plan.color().shift() / factor; // the drawn shift, before scaling
        assertThat(shift).isBetween(-40.0, 40.0);
        for (int c = 0; c < 3; c++) {
          double raw = (rgb[c] + shift) * factor;
          clamped |= raw > 255;
          double expected = Math.clamp(raw, 0, 255) / 255;
          float got = slab.get(ValueLayout.JAVA_FLOAT_UNALIGNED, layout.offset(0, 2, 1, c));
          assertThat((double) got)
              .as("sample %d channel %d", id, c)
              .isCloseTo(expected, within(2e-3));
        }
      }
    }
    assertThat(clamped).as("some draw pushes blue past 255").isTrue();
  }

  @Test
  void theDefaultsAreKerasDefaults() {
    KerasAugmentation none = KerasAugmentation.builder().build();
    assertThat(none.operations()).isEmpty();
    assertThat(none.fillMode()).isEqualTo(FillMode.NEAREST);
    assertThat(none.normalization()).isEqualTo(Normalization.none());
    assertThat(none.augmentation(8, 8).mayWarp()).isFalse();
    // Keras' rescale=None or 0 means no rescale.
    assertThat(KerasAugmentation.builder().rescale(0).build().rescale()).isEqualTo(1f);
  }

  @Test
  void argumentsOutOfRangeAreRefusedInKerasSpelling() {
    assertThatThrownBy(() -> KerasAugmentation.builder().widthShiftRange(20).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("width_shift_range=20.0 (expected: a fraction of the width");
    assertThatThrownBy(() -> KerasAugmentation.builder().zoomRange(1.5, 0.5).build())
        .hasMessageContaining("zoom_range=[1.5, 0.5] (expected: [lower, upper]");
    assertThatThrownBy(() -> KerasAugmentation.builder().rotationRange(200).build())
        .hasMessageContaining("rotation_range=200.0 (expected: in [0, 180] degrees)");
    assertThatThrownBy(() -> KerasAugmentation.builder().brightnessRange(1.2, 0.8).build())
        .hasMessageContaining("brightness_range=[1.2, 0.8] (expected: [lower, upper]");
    assertThatThrownBy(() -> KerasAugmentation.builder().channelShiftRange(300).build())
        .hasMessageContaining("channel_shift_range=300.0 (expected: in [0, 255]");
    assertThatThrownBy(() -> KerasAugmentation.builder().cval(300).build())
        .hasMessageContaining("cval=300");
  }
}
