package dev.stoker.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ResizeWithPad} against Keras' {@code pad_to_aspect_ratio=True}, which is {@code
 * tf.image.resize_with_pad}: the image resized whole (bilinear, half-pixel centres) into a centred
 * region, zeros around it. The regions in the table are what TensorFlow 2.21's {@code
 * resize_with_pad} leaves non-zero for these sizes.
 */
class ResizeWithPadTest {

  /** The image resized to the region's size, tf.image.resize bilinear, placed in the region. */
  private static double[][][] tensorFlow(
      byte[] px, int w, int h, int outW, int outH, OutputRegion r) {
    double[][][] out = new double[outH][outW][3];
    for (int y = 0; y < r.height(); y++) {
      for (int x = 0; x < r.width(); x++) {
        double sx = (x + 0.5) * w / r.width();
        double sy = (y + 0.5) * h / r.height();
        for (int c = 0; c < 3; c++) {
          out[r.y() + y][r.x() + x][c] = Reference.bilinear(px, w, h, sx, sy, c);
        }
      }
    }
    return out;
  }

  private static float[][][] run(
      Augmentation aug, long id, byte[] px, int w, int h, ChannelOrder order) {
    int outW = aug.outputWidth();
    int outH = aug.outputHeight();
    BatchLayout layout = new BatchLayout(1, outH, outW, 3, ElementType.FLOAT32, order);
    try (MemoryBudget budget = MemoryBudget.create("pad-test", 1 << 20);
        Arena arena = Arena.ofConfined();
        AugmentExecutor executor = new AugmentExecutor(aug, budget)) {
      MemorySegment src = arena.allocate(px.length);
      MemorySegment.copy(px, 0, src, ValueLayout.JAVA_BYTE, 0, px.length);
      MemorySegment slab = arena.allocate(layout.byteSize());
      slab.fill((byte) 0x7f); // no value left over from the allocation can pass for padding
      executor.execute(
          aug.plan(3, 0, id, w, h),
          PixelBuffer.packed(src, w, h, 3),
          SampleTarget.of(slab, layout, 0));
      float[][][] out = new float[outH][outW][3];
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          for (int c = 0; c < 3; c++) {
            out[y][x][c] = slab.get(ValueLayout.JAVA_FLOAT_UNALIGNED, layout.offset(0, y, x, c));
          }
        }
      }
      return out;
    }
  }

  @ParameterizedTest
  @CsvSource({
    // source w, h, output w, h, the region tf.image.resize_with_pad fills: x, y, width, height
    "41, 20, 16, 16, 0, 4, 16, 7",
    "13, 37, 24, 10, 10, 0, 3, 10",
    "30, 30, 20, 12, 4, 0, 12, 12",
    "50, 9, 32, 32, 0, 13, 32, 5",
    "64, 48, 32, 24, 0, 0, 32, 24",
    "33, 71, 48, 32, 16, 0, 14, 32",
    "80, 21, 48, 32, 0, 9, 48, 12",
  })
  void equalsTensorFlowsResizeWithPad(
      int w, int h, int outW, int outH, int cx, int cy, int cw, int ch) {
    Augmentation aug = Augmentation.builder().add(new ResizeWithPad(outH, outW)).build();
    OutputRegion region = new OutputRegion(cx, cy, cw, ch);
    assertThat(aug.plan(3, 0, 0, w, h).geometry().content()).isEqualTo(region);
    byte[] px = Reference.image(w, h, 4);
    double[][][] expected = tensorFlow(px, w, h, outW, outH, region);
    for (ChannelOrder order : ChannelOrder.values()) {
      float[][][] out = run(aug, 0, px, w, h, order);
      for (int y = 0; y < outH; y++) {
        for (int x = 0; x < outW; x++) {
          boolean inside = x >= cx && x < cx + cw && y >= cy && y < cy + ch;
          for (int c = 0; c < 3; c++) {
            String at = order + " (" + x + ", " + y + ", " + c + ")";
            if (inside) {
              assertThat((double) out[y][x][c]).as(at).isCloseTo(expected[y][x][c], within());
            } else {
              assertThat(out[y][x][c]).as(at).isEqualTo(0f);
            }
          }
        }
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-3);
  }

  @ParameterizedTest
  @EnumSource(ChannelOrder.class)
  void flipsMirrorThePaddedImageAndQuarterTurnsTurnIt(ChannelOrder order) {
    int w = 41;
    int h = 20;
    byte[] px = Reference.image(w, h, 5);
    float[][][] plain =
        run(Augmentation.builder().add(new ResizeWithPad(16, 16)).build(), 0, px, w, h, order);
    float[][][] flipped =
        run(
            Augmentation.builder()
                .add(new ResizeWithPad(16, 16))
                .add(new HorizontalFlip(1))
                .add(new VerticalFlip(1))
                .build(),
            0,
            px,
            w,
            h,
            order);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        assertThat(flipped[y][x]).isEqualTo(plain[15 - y][15 - x]);
      }
    }
    Augmentation turning =
        Augmentation.builder().add(new ResizeWithPad(16, 16)).add(new RandomRotate90()).build();
    for (long id = 0; id < 6; id++) {
      int turns = turning.plan(3, 0, id, w, h).geometry().quarterTurns();
      float[][][] turned = run(turning, id, px, w, h, order);
      float[][][] reference = plain;
      for (int k = 0; k < turns; k++) { // one counter-clockwise turn reads (n-1-y, x) as (x, y)
        float[][][] next = new float[16][16][];
        for (int y = 0; y < 16; y++) {
          for (int x = 0; x < 16; x++) {
            next[y][x] = reference[x][15 - y];
          }
        }
        reference = next;
      }
      for (int y = 0; y < 16; y++) {
        for (int x = 0; x < 16; x++) {
          for (int c = 0; c < 3; c++) { // the warp path goes through 8-bit scratch: one level
            assertThat(turned[y][x][c])
                .as("id %d, %d turns, (%d, %d, %d)", id, turns, x, y, c)
                .isCloseTo(reference[y][x][c], org.assertj.core.data.Offset.offset(0.5001f));
          }
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void itMustBeTheLastSizingStep() {
    assertThatThrownBy(
            () -> Augmentation.builder().add(new ResizeWithPad(8, 8)).add(new Resize(8, 8)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ResizeWithPad as the last sizing step only");
    assertThat(
            Augmentation.builder()
                .add(new CenterCrop(20, 30))
                .add(new ResizeWithPad(8, 16))
                .build()
                .outputWidth())
        .isEqualTo(16);
  }
}
