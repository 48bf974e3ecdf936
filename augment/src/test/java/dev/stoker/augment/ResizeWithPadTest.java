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
 * {@link ResizeWithPad} against Keras' {@code pad_to_aspect_ratio=True}, written out below as Keras
 * 3 computes it (pad with zeros, then {@code tf.image.resize} bilinear). That formula was checked
 * against {@code keras.ops.image.resize(..., pad_to_aspect_ratio=True)} of Keras 3.15.1 on the
 * sizes used here (equal to 2e-5).
 */
class ResizeWithPadTest {

  /** Keras: zero-pad to the output's aspect ratio, then bilinear with half-pixel centres. */
  private static double[][][] keras(byte[] px, int w, int h, int outW, int outH) {
    int padH = Math.max(h, (int) ((float) (w * outH) / outW));
    int padW = Math.max(w, (int) ((float) (h * outW) / outH));
    int top = (padH - h) / 2;
    int left = (padW - w) / 2;
    int fh = h + 2 * top;
    int fw = w + 2 * left;
    double[][][] out = new double[outH][outW][3];
    for (int o = 0; o < outH; o++) {
      double y = (o + 0.5) * fh / outH - 0.5;
      int y0 = (int) Math.floor(y);
      double fy = y - y0;
      for (int p = 0; p < outW; p++) {
        double x = (p + 0.5) * fw / outW - 0.5;
        int x0 = (int) Math.floor(x);
        double fx = x - x0;
        for (int c = 0; c < 3; c++) {
          double a = framed(px, w, h, top, left, fh, fw, y0, x0, c);
          double b = framed(px, w, h, top, left, fh, fw, y0, x0 + 1, c);
          double d = framed(px, w, h, top, left, fh, fw, y0 + 1, x0, c);
          double e = framed(px, w, h, top, left, fh, fw, y0 + 1, x0 + 1, c);
          double upper = a + (b - a) * fx;
          double lower = d + (e - d) * fx;
          out[o][p][c] = upper + (lower - upper) * fy;
        }
      }
    }
    return out;
  }

  /** A pixel of the zero-padded frame, indices clamped to the frame as tf.image.resize does. */
  private static double framed(
      byte[] px, int w, int h, int top, int left, int fh, int fw, int row, int col, int c) {
    int r = Math.max(0, Math.min(fh - 1, row)) - top;
    int q = Math.max(0, Math.min(fw - 1, col)) - left;
    return r < 0 || q < 0 || r >= h || q >= w ? 0 : Reference.at(px, w, q, r, c);
  }

  /** Whether Keras' sample point for output index {@code o} mixes padding with the image. */
  private static boolean straddles(int o, int out, int size, int across, int outAcross) {
    int pad = ResizeWithPad.padding(size, across, out, outAcross);
    double frame = size + 2.0 * pad;
    double s = (o + 0.5) * frame / out - 0.5;
    return (s > pad - 1 && s < pad) || (s > pad + size - 1 && s < pad + size);
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
    // source w, h, output w, h, the content region Keras 3.15 leaves non-zero: x, y, width, height
    "41, 20, 16, 16, 0, 4, 16, 8",
    "13, 37, 24, 10, 10, 0, 4, 10",
    "30, 30, 20, 12, 4, 0, 12, 12",
    "50, 9, 32, 32, 0, 13, 32, 6",
    "64, 48, 32, 24, 0, 0, 32, 24",
  })
  void matchesKerasAwayFromTheImageEdgeAndPadsWithExactZeros(
      int w, int h, int outW, int outH, int cx, int cy, int cw, int ch) {
    Augmentation aug = Augmentation.builder().add(new ResizeWithPad(outH, outW)).build();
    assertThat(aug.plan(3, 0, 0, w, h).geometry().content())
        .isEqualTo(new OutputRegion(cx, cy, cw, ch));
    byte[] px = Reference.image(w, h, 4);
    double[][][] expected = keras(px, w, h, outW, outH);
    for (ChannelOrder order : ChannelOrder.values()) {
      float[][][] out = run(aug, 0, px, w, h, order);
      int compared = 0;
      for (int y = 0; y < outH; y++) {
        boolean edgeRow = straddles(y, outH, h, w, outW);
        for (int x = 0; x < outW; x++) {
          boolean inside = x >= cx && x < cx + cw && y >= cy && y < cy + ch;
          boolean edge = edgeRow || straddles(x, outW, w, h, outH);
          for (int c = 0; c < 3; c++) {
            String at = order + " (" + x + ", " + y + ", " + c + ")";
            if (!inside) {
              assertThat(out[y][x][c]).as(at).isEqualTo(0f);
            } else if (!edge) {
              assertThat((double) out[y][x][c]).as(at).isCloseTo(expected[y][x][c], within());
              compared++;
            }
          }
        }
      }
      assertThat(compared).as("pixels compared with Keras").isGreaterThan(cw * ch * 3 / 2);
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
