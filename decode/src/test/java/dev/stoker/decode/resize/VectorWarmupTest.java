package dev.stoker.decode.resize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * The warm-up of the vector kernel: it ends within its bound of steps, and a default resizer's
 * output equals the scalar kernel's on every image, before, during and after the switch.
 */
class VectorWarmupTest {
  @Test
  void aDefaultResizerWritesScalarIdenticalOutputAcrossTheSwitchToTheVectorKernel() {
    Resizer resizer = new Resizer();
    Resizer scalar = Resizer.scalar();
    int w = 500;
    int h = 375;
    byte[] pixels = ResizerTest.image(w, h, 3, 16);
    BatchLayout layout = new BatchLayout(1, 224, 224, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment src = arena.allocate(pixels.length);
      MemorySegment.copy(pixels, 0, src, ValueLayout.JAVA_BYTE, 0, pixels.length);
      PixelBuffer source = PixelBuffer.packed(src, w, h, 3);
      MemorySegment a = arena.allocate(layout.byteSize());
      MemorySegment b = arena.allocate(layout.byteSize());
      scalar.resize(source, ResizeSpec.bilinear(), SampleTarget.of(b, layout, 0));
      int images = 0;
      int afterReady = 0;
      // Every image makes a step until the warm-up is over, which takes at most MAX_STEPS steps
      // (fewer when another test warmed it up already); then three more go through the vector
      // kernel.
      while (afterReady < 3) {
        a.fill((byte) 0);
        resizer.resize(source, ResizeSpec.bilinear(), SampleTarget.of(a, layout, 0));
        images++;
        assertThat(a.mismatch(b))
            .as("image %d: first byte unlike the scalar kernel's", images)
            .isEqualTo(-1L);
        if (VectorWarmup.ready()) {
          afterReady++;
        }
        assertThat(images).as("images resized").isLessThanOrEqualTo(VectorWarmup.MAX_STEPS + 3);
      }
    }
    assertThat(VectorWarmup.steps()).isLessThanOrEqualTo(VectorWarmup.MAX_STEPS);
  }
}
