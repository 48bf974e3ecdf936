package dev.stoker.augment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.FillMode;
import dev.stoker.augment.GeometryPlan;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.augment.RandomRotation;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.resize.ColorTransform;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The warm-up of the vector warp kernel: it ends within its bound of steps, and a default warp's
 * output equals the scalar kernel's on every image, before, during and after the switch.
 */
class WarpWarmupTest {
  @Test
  void aDefaultWarpWritesScalarIdenticalOutputAcrossTheSwitchToTheVectorKernel() {
    FoldedWarp warp = new FoldedWarp();
    assumeThat(warp.vectorised()).as("the Vector API is available").isTrue();
    FoldedWarp scalar = FoldedWarp.scalar();
    int w = 160;
    int h = 120;
    int n = 64;
    byte[] pixels = new byte[w * h * 3];
    new Random(16).nextBytes(pixels);
    Augmentation aug =
        Augmentation.builder()
            .add(RandomResizedCrop.of(n))
            .add(new RandomRotation(15))
            .fill(FillMode.REFLECT, 0)
            .build();
    BatchLayout layout = new BatchLayout(1, n, n, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    float[] scales = {1 / 58.4f, 1 / 57.1f, 1 / 57.4f};
    float[] offsets = {-2.1f, -2.0f, -1.8f};
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment src = arena.allocate(pixels.length);
      MemorySegment.copy(pixels, 0, src, ValueLayout.JAVA_BYTE, 0, pixels.length);
      PixelBuffer source = PixelBuffer.packed(src, w, h, 3);
      MemorySegment a = arena.allocate(layout.byteSize());
      MemorySegment b = arena.allocate(layout.byteSize());
      int images = 0;
      int afterReady = 0;
      // Every image makes a step until the warm-up is over, which takes at most MAX_STEPS steps
      // (fewer when another test warmed it up already); then three more go through the vector
      // kernel.
      while (afterReady < 3) {
        GeometryPlan g = aug.plan(5, 0, images, w, h).geometry();
        a.fill((byte) 0);
        b.fill((byte) 1);
        warp.prepare(g, source);
        warp.write(ColorTransform.identity(), scales, offsets, SampleTarget.of(a, layout, 0));
        scalar.prepare(g, source);
        scalar.write(ColorTransform.identity(), scales, offsets, SampleTarget.of(b, layout, 0));
        images++;
        assertThat(a.mismatch(b))
            .as("image %d: first byte unlike the scalar kernel's", images)
            .isEqualTo(-1L);
        if (WarpWarmup.ready()) {
          afterReady++;
        }
        assertThat(images).as("images warped").isLessThanOrEqualTo(WarpWarmup.MAX_STEPS + 3);
      }
    }
    assertThat(WarpWarmup.steps()).isBetween(1, WarpWarmup.MAX_STEPS);
  }
}
