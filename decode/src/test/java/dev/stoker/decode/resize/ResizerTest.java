package dev.stoker.decode.resize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResizerTest {
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Resizer resizer = new Resizer();

  /** A seeded image with smooth gradients plus noise, so that every filter has work to do. */
  static byte[] image(int w, int h, int channels, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] img = new byte[w * h * channels];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < channels; c++) {
          int v = (x * 7 + y * 3 + c * 50) % 256;
          v = Math.max(0, Math.min(255, v + rnd.nextInt(-40, 41)));
          img[(y * w + x) * channels + c] = (byte) v;
        }
      }
    }
    return img;
  }

  static Stream<Arguments> cases() {
    ColorTransform jitter =
        ColorTransform.of(
            new float[] {1.1f, 0.2f, -0.1f, 0.05f, 0.9f, 0.1f, -0.2f, 0.1f, 1.3f},
            new float[] {-10, 5, 20});
    SourceWindow crop = new SourceWindow(3.25, 1.5, 20.5, 17.75);
    Stream.Builder<Arguments> b = Stream.builder();
    for (ResizeFilter f : ResizeFilter.values()) {
      for (int channels : new int[] {1, 3}) {
        b.add(Arguments.of(f, channels, 11, 9, ResizeSpec.builder().filter(f).build()));
        b.add(Arguments.of(f, channels, 71, 53, ResizeSpec.builder().filter(f).build()));
        b.add(
            Arguments.of(f, channels, 8, 13, ResizeSpec.builder().filter(f).window(crop).build()));
        b.add(
            Arguments.of(
                f,
                channels,
                16,
                12,
                ResizeSpec.builder()
                    .filter(f)
                    .window(crop)
                    .flipHorizontal(true)
                    .flipVertical(true)
                    .normalize(new float[] {0.5f, 1f / 255, 2f}, new float[] {-3f, 0.25f, 7f})
                    .build()));
        b.add(
            Arguments.of(
                f,
                channels,
                10,
                10,
                ResizeSpec.builder()
                    .filter(f)
                    .window(new SourceWindow(-4, 25, 30, 12))
                    .flipHorizontal(true)
                    .build()));
      }
      b.add(Arguments.of(f, 3, 12, 14, ResizeSpec.builder().filter(f).color(jitter).build()));
      b.add(
          Arguments.of(
              f,
              1,
              12,
              14,
              ResizeSpec.builder()
                  .filter(f)
                  .color(jitter)
                  .window(crop)
                  .flipVertical(true)
                  .build()));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} channels={1} {2}x{3} {4}")
  @MethodSource("cases")
  void matchesTheSlowFormulaInEveryLayout(
      ResizeFilter filter, int channels, int outW, int outH, ResizeSpec spec) {
    int w = 37;
    int h = 29;
    byte[] img = image(w, h, channels, 7 + channels);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment src = arena.allocate(img.length);
      MemorySegment.copy(img, 0, src, ValueLayout.JAVA_BYTE, 0, img.length);
      PixelBuffer source = PixelBuffer.packed(src, w, h, channels);
      for (ElementType type : new ElementType[] {ElementType.FLOAT32, ElementType.UINT8}) {
        for (ChannelOrder order : ChannelOrder.values()) {
          BatchLayout layout = new BatchLayout(3, outH, outW, 3, type, order);
          MemorySegment slab = arena.allocate(layout.byteSize());
          resizer.resize(source, spec, SampleTarget.of(slab, layout, 1));
          for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
              for (int c = 0; c < 3; c++) {
                double expected = SlowResize.value(img, w, h, channels, spec, outW, outH, x, y, c);
                long at = layout.offset(1, y, x, c);
                String where = filter + " " + type + " " + order + " at " + x + "," + y + "," + c;
                if (type == ElementType.FLOAT32) {
                  assertThat((double) slab.get(F32, at))
                      .as(where)
                      .isCloseTo(
                          expected,
                          org.assertj.core.data.Offset.offset(
                              2e-3 * Math.max(1, Math.abs(expected))));
                } else {
                  long rounded = Math.round(Math.max(0, Math.min(255, expected)));
                  assertThat((long) (slab.get(ValueLayout.JAVA_BYTE, at) & 0xff))
                      .as(where)
                      .isBetween(rounded - 1, rounded + 1);
                }
              }
            }
          }
          assertUntouched(slab, layout, 0);
          assertUntouched(slab, layout, 2);
        }
      }
    }
  }

  private static void assertUntouched(MemorySegment slab, BatchLayout layout, int sample) {
    MemorySegment s = slab.asSlice(layout.offset(sample), layout.sampleBytes());
    assertThat(s.mismatch(MemorySegment.ofArray(new byte[(int) layout.sampleBytes()])))
        .as("sample %d must stay untouched", sample)
        .isEqualTo(-1L);
  }

  @Test
  void grayTargetTakesGraySourceAndStridedTargetsWork() {
    int w = 23;
    int h = 19;
    byte[] img = image(w, h, 1, 3);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment src = arena.allocate(img.length);
      MemorySegment.copy(img, 0, src, ValueLayout.JAVA_BYTE, 0, img.length);
      PixelBuffer source = PixelBuffer.packed(src, w, h, 1);
      ResizeSpec spec = ResizeSpec.builder().normalize(2f, -1f).build();
      // A gray float image with padded rows and 8-byte pixel stride (every other float).
      int outW = 9;
      int outH = 7;
      MemorySegment out = arena.allocate(4 + 7L * 100);
      SampleTarget target = new SampleTarget(out, 4, outW, outH, 1, ElementType.FLOAT32, 100, 8, 0);
      resizer.resize(source, spec, target);
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          double expected = SlowResize.value(img, w, h, 1, spec, outW, outH, x, y, 0);
          assertThat((double) out.get(F32, 4 + y * 100L + x * 8L))
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3));
        }
      }
    }
  }

  @Test
  void rejectsAnRgbSourceForAGrayTarget() {
    try (Arena arena = Arena.ofConfined()) {
      PixelBuffer source = PixelBuffer.packed(arena.allocate(12), 2, 2, 3);
      BatchLayout layout = new BatchLayout(1, 2, 2, 1, ElementType.UINT8, ChannelOrder.NHWC);
      SampleTarget target = SampleTarget.of(arena.allocate(4), layout, 0);
      assertThatThrownBy(() -> resizer.resize(source, ResizeSpec.bilinear(), target))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("target.channels=1 (expected: >= source channels 3");
    }
  }

  @Test
  void rejectsTargetsOutsideTheirSegment() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(100);
      assertThatThrownBy(() -> new SampleTarget(seg, 0, 10, 10, 3, ElementType.UINT8, 30, 3, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("segment.byteSize=100 (expected: >= 300 for the last value of the target)");
      assertThatThrownBy(() -> PixelBuffer.packed(seg, 10, 10, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("segment.byteSize=100 (expected: >= 300 for 10×10×3)");
    }
  }

  @Test
  void composedColourTransformsApplyInOrder() {
    ColorTransform brighten =
        ColorTransform.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new float[] {10, 10, 10});
    ColorTransform swapRedBlue =
        ColorTransform.of(new float[] {0, 0, 1, 0, 1, 0, 1, 0, 0}, new float[] {1, 2, 3});
    ColorTransform both = brighten.andThen(swapRedBlue);
    // (r, g, b) -> (r+10, g+10, b+10) -> (b+10+1, g+10+2, r+10+3)
    assertThat(both.matrix()).containsExactly(0, 0, 1, 0, 1, 0, 1, 0, 0);
    assertThat(both.offsets()).containsExactly(11, 12, 13);
    assertThat(ColorTransform.identity().isIdentity()).isTrue();
    assertThat(both.isIdentity()).isFalse();
  }

  /** Scratch reuse: one resizer through many shapes writes what a fresh resizer writes. */
  @Test
  void aReusedResizerWritesWhatAFreshOneWrites() {
    SplittableRandom rnd = new SplittableRandom(99);
    Resizer reused = new Resizer();
    try (Arena arena = Arena.ofConfined()) {
      for (int round = 0; round < 40; round++) {
        int w = 1 + rnd.nextInt(60);
        int h = 1 + rnd.nextInt(60);
        int channels = rnd.nextBoolean() ? 1 : 3;
        byte[] img = image(w, h, channels, round);
        MemorySegment src = arena.allocate(img.length);
        MemorySegment.copy(img, 0, src, ValueLayout.JAVA_BYTE, 0, img.length);
        ResizeFilter filter =
            switch (rnd.nextInt(3)) {
              case 0 -> ResizeFilter.BILINEAR;
              case 1 -> ResizeFilter.TRIANGLE;
              default -> ResizeFilter.NEAREST;
            };
        ElementType type = rnd.nextBoolean() ? ElementType.UINT8 : ElementType.FLOAT32;
        ChannelOrder order = rnd.nextBoolean() ? ChannelOrder.NHWC : ChannelOrder.NCHW;
        int outChannels = channels == 1 && rnd.nextBoolean() ? 1 : 3;
        BatchLayout layout =
            new BatchLayout(1, 1 + rnd.nextInt(50), 1 + rnd.nextInt(50), outChannels, type, order);
        ResizeSpec spec =
            ResizeSpec.builder()
                .filter(filter)
                .flipHorizontal(rnd.nextBoolean())
                .normalize(rnd.nextBoolean() ? 1f : 0.5f, 0f)
                .build();
        MemorySegment a = arena.allocate(layout.byteSize());
        MemorySegment b = arena.allocate(layout.byteSize());
        PixelBuffer source = PixelBuffer.packed(src, w, h, channels);
        reused.resize(source, spec, SampleTarget.of(a, layout, 0));
        new Resizer().resize(source, spec, SampleTarget.of(b, layout, 0));
        assertThat(a.mismatch(b)).as("round %d", round).isEqualTo(-1L);
      }
    }
  }
}
