package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ImageDecodersTest {
  @Test
  @RequiresTurboJpeg
  void routesJpegToTurboJpegWhenPresentAndEverythingToImageIoWithout() {
    try (Arena arena = Arena.ofConfined();
        ImageDecoder withTurbo =
            RoutingDecoder.jpegFirst(
                DecodeOptions.defaults(),
                "turbojpeg",
                () -> TurboJpegDecoder.create(DecodeOptions.defaults()));
        ImageDecoder without = RoutingDecoder.imageIoOnly(DecodeOptions.defaults())) {
      MemorySegment jpeg = Fixtures.load(SharedData.testdata("photos/photo-422.jpg"), arena);
      ImageInfo info = withTurbo.probe(jpeg);
      assertThat(withTurbo.name()).isEqualTo("turbojpeg+imageio");
      assertThat(without.name()).isEqualTo("imageio");
      assertThat(withTurbo.scales(info)).containsExactlyInAnyOrder(DctScale.values());
      assertThat(without.scales(info)).containsExactly(DctScale.FULL);
      long bytes = (long) info.width() * info.height() * 3;
      MemorySegment a = arena.allocate(bytes);
      MemorySegment b = arena.allocate(bytes);
      withTurbo.decode(jpeg, DctScale.FULL, 3, a, info.width() * 3L);
      without.decode(jpeg, DctScale.FULL, 3, b, info.width() * 3L);
      assertThat(a.mismatch(b)).isEqualTo(-1L);
    }
  }

  @Test
  @RequiresTurboJpeg
  void theChooserUsesTurboJpegHereAndSaysWhyWhenItCannot() {
    assertThat(ImageDecoders.turboJpegAvailable()).isTrue();
    assertThat(ImageDecoders.turboJpegUnavailableReason()).isEmpty();
    try (ImageDecoder jpeg = ImageDecoders.createForJpeg(DecodeOptions.defaults())) {
      assertThat(jpeg).isInstanceOf(TurboJpegDecoder.class);
    }
  }

  @Test
  void aMissingLibraryIsReportedByNameNotThrown() {
    TurboJpegLibrary.Binding binding = TurboJpegLibrary.bind("libstoker-missing.so.0", "libc.so.6");
    assertThat(binding.library()).isNull();
    assertThat(binding.reason())
        .contains("libstoker-missing.so.0: ")
        .contains("libc.so.6: symbol tjInitDecompress not found in libturbojpeg");
  }
}
