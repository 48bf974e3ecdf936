package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.core.memory.BudgetExceededException;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryMetrics;
import dev.stoker.decode.resize.PixelBuffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
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
    MemorySegment jpeg = Fixtures.load(photo("photo-420.jpg"), arena); // 1440×1080
    int w = 1440;
    int h = 1080;
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

  /** A noisy baseline JPEG written by the JDK, so the test needs no files. */
  private MemorySegment noisyJpeg(int w, int h) throws IOException {
    SplittableRandom rnd = new SplittableRandom(w * 31L + h);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, rnd.nextInt(0x1000000));
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpeg", bytes)).isTrue();
    return Fixtures.copy(bytes.toByteArray(), arena);
  }

  @Test
  void decodingWithTheProbedHeaderGivesTheSamePixels() throws IOException {
    MemorySegment jpeg = noisyJpeg(123, 77);
    ImageInfo info = decoder.probe(jpeg);
    for (DctScale scale : DctScale.values()) {
      int w = scale.scaled(123);
      int h = scale.scaled(77);
      MemorySegment once = arena.allocate((long) w * h * 3);
      MemorySegment twice = arena.allocate((long) w * h * 3);
      decoder.decode(jpeg, info, scale, 3, once, w * 3L);
      decoder.decode(jpeg, scale, 3, twice, w * 3L);
      assertThat(once.mismatch(twice)).as("at %s", scale).isEqualTo(-1L);
    }
  }

  @Test
  void theProbedHeaderIsCheckedAgainstTheLimitsAndItsComponents() throws IOException {
    MemorySegment jpeg = noisyJpeg(40, 30);
    MemorySegment target = arena.allocate(40 * 30 * 3);
    ImageInfo info = decoder.probe(jpeg);
    try (ImageDecoder small = create(DecodeOptions.builder().maxPixels(1000).build())) {
      assertThatThrownBy(() -> small.decode(jpeg, info, DctScale.FULL, 3, target, 120))
          .isInstanceOfSatisfying(
              ImageDecodeException.class,
              e -> assertThat(e.reason()).isEqualTo(ImageDecodeException.Reason.TOO_LARGE));
    }
    ImageInfo cmyk = new ImageInfo(ImageFormat.JPEG, 40, 30, 4, false, ChromaSubsampling.OTHER);
    assertThatThrownBy(() -> decoder.decode(jpeg, cmyk, DctScale.FULL, 3, target, 120))
        .isInstanceOfSatisfying(
            ImageDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(ImageDecodeException.Reason.UNSUPPORTED));
  }

  /** A header that claims a smaller image than the data holds: libjpeg-turbo scales to fit. */
  @Test
  void aProbedHeaderThatUnderstatesTheSizeNeverWritesPastTheTarget() throws IOException {
    MemorySegment jpeg = noisyJpeg(64, 64);
    ImageInfo lie = new ImageInfo(ImageFormat.JPEG, 20, 20, 3, false, ChromaSubsampling.S420);
    MemorySegment guarded = arena.allocate(64 * 64 * 3);
    guarded.fill((byte) 0x5a);
    long used = 20 * 20 * 3;
    decoder.decode(jpeg, lie, DctScale.FULL, 3, guarded.asSlice(0, used), 60);
    for (long i = used; i < guarded.byteSize(); i++) {
      assertThat(guarded.get(ValueLayout.JAVA_BYTE, i)).as("byte %d", i).isEqualTo((byte) 0x5a);
    }
  }

  /**
   * Every native byte the decoder allocates is in the budget it was given: the header buffer from
   * the start, and for heap input and output the copy buffers; all of it is back after close. A
   * budget too small for a copy fails that decode naming the budget, and the decoder stays usable.
   */
  @Test
  void nativeBuffersAreDrawnFromTheGivenBudgetAndGivenBack() throws IOException {
    byte[] jpeg = Files.readAllBytes(SharedData.testdata("images/img-05.jpg"));
    MemorySegment onHeap = MemorySegment.ofArray(jpeg);
    try (MemoryBudget budget = MemoryBudget.create("decoder-test", 1 << 20)) {
      try (TurboJpegDecoder d = TurboJpegDecoder.create(DecodeOptions.defaults(), budget)) {
        assertThat(budget.outstandingPurposes()).containsExactly("turbojpeg header (16 bytes)");
        ImageInfo info = d.probe(onHeap);
        long pixels = (long) info.width() * info.height() * 3;
        MemorySegment target = MemorySegment.ofArray(new byte[(int) pixels]);
        d.decode(onHeap, info, DctScale.FULL, 3, target, info.width() * 3L);
        assertThat(budget.outstandingPurposes())
            .containsExactlyInAnyOrder(
                "turbojpeg header (16 bytes)",
                "turbojpeg input copy (" + jpeg.length + " bytes)",
                "turbojpeg output copy (" + pixels + " bytes)");
        assertThat(budget.usedBytes()).isEqualTo(16 + jpeg.length + pixels);
      }
      assertThat(budget.usedBytes()).isZero();
    }
    // Room for the header and the input copy, not for the decoded pixels.
    long limit = 16L + jpeg.length + 100;
    try (MemoryBudget tight = MemoryBudget.create("tight", limit);
        TurboJpegDecoder d = TurboJpegDecoder.create(DecodeOptions.defaults(), tight)) {
      ImageInfo info = d.probe(onHeap);
      long pixels = (long) info.width() * info.height() * 3;
      MemorySegment target = MemorySegment.ofArray(new byte[(int) pixels]);
      assertThatThrownBy(() -> d.decode(onHeap, info, DctScale.FULL, 3, target, info.width() * 3L))
          .isInstanceOf(BudgetExceededException.class)
          .hasMessage(
              "memory budget 'tight' cannot allocate "
                  + pixels
                  + " bytes for turbojpeg output copy: "
                  + (16 + jpeg.length)
                  + " of "
                  + limit
                  + " bytes in use");
      assertThat(tight.usedBytes()).isEqualTo(16 + jpeg.length);
      // A native target needs no output copy: the same decoder goes on within its budget.
      PixelBuffer direct =
          d.decode(onHeap, info, DctScale.FULL, 3, arena.allocate(pixels), info.width() * 3L);
      assertThat(direct.width()).isEqualTo(info.width());
    }
  }

  /** Used alone, the decoder's memory is in a budget of its own, open exactly as long as it is. */
  @Test
  void aDecoderMadeWithoutABudgetHasItsOwnNamedOne() {
    List<MemoryMetrics> before = MemoryBudget.openBudgets();
    MemoryMetrics own;
    try (TurboJpegDecoder d = TurboJpegDecoder.create(DecodeOptions.defaults())) {
      List<MemoryMetrics> opened = new ArrayList<>(MemoryBudget.openBudgets());
      opened.removeAll(before);
      assertThat(opened).hasSize(1);
      own = opened.getFirst();
      assertThat(own.name()).isEqualTo("turbojpeg decoder");
      assertThat(own.outstandingPurposes()).containsExactly("turbojpeg header (16 bytes)");
      assertThat(d.name()).isEqualTo("turbojpeg");
    }
    assertThat(MemoryBudget.openBudgets()).doesNotContain(own);
    assertThat(own.usedBytes()).isZero();
  }
}
