package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

@RequiresTurboJpeg
class TurboJpegDecoderTest extends DecoderContractTest {
  @Override
  ImageDecoder create(DecodeOptions options) {
    return TurboJpegDecoder.create(options);
  }

  @Test
  void libraryIsAvailableOnTheBuildMachine() {
    assertThat(TurboJpegDecoder.unavailableReason()).isEmpty();
    assertThat(ImageDecoders.turboJpegAvailable()).isTrue();
  }

  /**
   * A DCT-scaled decode has the rounded-up size and, away from edges, about the box average of the
   * full decode over each 2×2 / 4×4 cell.
   */
  @Test
  void scaledDecodesHaveTheRoundedUpSizeAndTheBoxAverage() {
    MemorySegment jpeg = Fixtures.load(photo("mate-Storm.jpg"), arena);
    int w = 1920;
    int h = 1280;
    MemorySegment full = arena.allocate((long) w * h * 3);
    decoder.decode(jpeg, DctScale.FULL, 3, full, w * 3L);
    for (DctScale scale : new DctScale[] {DctScale.HALF, DctScale.QUARTER, DctScale.EIGHTH}) {
      int d = scale.denominator();
      int sw = (w + d - 1) / d;
      int sh = (h + d - 1) / d;
      MemorySegment small = arena.allocate((long) sw * sh * 3);
      PixelBuffer view = decoder.decode(jpeg, scale, 3, small, sw * 3L);
      assertThat(view.width()).isEqualTo(sw);
      assertThat(view.height()).isEqualTo(sh);
      double totalDiff = 0;
      int count = 0;
      for (int y = 1; y < sh - 1; y += 7) {
        for (int x = 1; x < sw - 1; x += 5) {
          for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
              for (int i = 0; i < d; i++) {
                sum +=
                    full.get(
                            ValueLayout.JAVA_BYTE,
                            ((long) (y * d + j) * w + (long) x * d + i) * 3 + c)
                        & 0xff;
              }
            }
            int got = small.get(ValueLayout.JAVA_BYTE, ((long) y * sw + x) * 3 + c) & 0xff;
            totalDiff += Math.abs(got - sum / (d * d));
            count++;
          }
        }
      }
      assertThat(totalDiff / count).as("mean abs difference at %s", scale).isLessThan(4.0);
    }
  }

  @Test
  void cmykIsLeftToImageIo() {
    ImageInfo cmyk = new ImageInfo(ImageFormat.JPEG, 10, 10, 4, false, ChromaSubsampling.OTHER);
    assertThat(decoder.canDecode(cmyk)).isFalse();
    try (ImageDecoder auto = ImageDecoders.create(DecodeOptions.defaults())) {
      assertThat(auto.scales(cmyk)).containsExactly(DctScale.FULL);
      assertThat(
              auto.scales(
                  new ImageInfo(ImageFormat.JPEG, 10, 10, 3, false, ChromaSubsampling.S420)))
          .containsExactlyInAnyOrder(DctScale.values());
    }
  }
}
