package dev.stoker.decode.resize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel against the scalar one: every output byte equal, over sizes that exercise whole
 * blocks, the scalar tail, blocks too wide for one window (large downscales), upscales, flips, crop
 * windows that leave the image, one and three channels, and both element types.
 */
class VectorKernelTest {
  /** The CPU's preferred vector width in bits, read reflectively: the tests compile without it. */
  private static int preferredVectorBits() throws ReflectiveOperationException {
    Class<?> shape = Class.forName("jdk.incubator.vector.VectorShape");
    Object preferred = shape.getMethod("preferredShape").invoke(null);
    return (Integer) shape.getMethod("vectorBitSize").invoke(preferred);
  }

  @Test
  void theDefaultResizerIsVectorisedWhereTheModuleAndTheCpuAllow() throws Exception {
    assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    assertThat(new Resizer().vectorised()).isEqualTo(preferredVectorBits() >= 256);
    assertThat(Resizer.scalar().vectorised()).isFalse();
  }

  @Test
  void vectorAndScalarKernelsWriteIdenticalOutput() {
    Resizer vector = Resizer.unwarmed();
    Resizer scalar = Resizer.scalar();
    SplittableRandom rnd = new SplittableRandom(16);
    int[][] sizes = {
      {500, 375, 224, 224},
      {375, 500, 224, 224},
      {333, 250, 224, 224}, // the common cases
      {2000, 40, 30, 7},
      {1200, 30, 97, 5}, // downscales too large for one window
      {17, 9, 224, 50},
      {5, 3, 61, 4},
      {1, 1, 3, 3}, // upscales and a single pixel
      {224, 224, 224, 224},
      {640, 20, 321, 11},
    };
    try (Arena arena = Arena.ofConfined()) {
      for (int[] size : sizes) {
        for (int channels : new int[] {1, 3}) {
          for (int trial = 0; trial < 3; trial++) {
            int w = size[0];
            int h = size[1];
            int outW = size[2];
            int outH = size[3];
            byte[] pixels = ResizerTest.image(w, h, channels, rnd.nextLong());
            MemorySegment src = arena.allocate(pixels.length);
            MemorySegment.copy(pixels, 0, src, ValueLayout.JAVA_BYTE, 0, pixels.length);
            PixelBuffer source = PixelBuffer.packed(src, w, h, channels);
            ResizeSpec.Builder spec =
                ResizeSpec.builder()
                    .filter(trial == 2 ? ResizeFilter.NEAREST : ResizeFilter.BILINEAR)
                    .flipHorizontal(trial == 1);
            if (trial == 1) {
              double x = rnd.nextDouble(-0.2, 0.5) * w;
              double y = rnd.nextDouble(-0.2, 0.5) * h;
              spec.window(
                  new SourceWindow(x, y, rnd.nextDouble(0.3, 1.0) * w, rnd.nextDouble(0.3, 1) * h));
            }
            for (ElementType type : new ElementType[] {ElementType.FLOAT32, ElementType.UINT8}) {
              BatchLayout layout =
                  new BatchLayout(1, outH, outW, channels, type, ChannelOrder.NHWC);
              MemorySegment a = arena.allocate(layout.byteSize());
              MemorySegment b = arena.allocate(layout.byteSize());
              vector.resize(source, spec.build(), SampleTarget.of(a, layout, 0));
              scalar.resize(source, spec.build(), SampleTarget.of(b, layout, 0));
              long mismatch = a.mismatch(b);
              assertThat(mismatch)
                  .as(
                      "%dx%d -> %dx%d, %d channels, trial %d, %s: first differing byte",
                      w, h, outW, outH, channels, trial, type)
                  .isEqualTo(-1L);
            }
          }
        }
      }
    }
  }
}
