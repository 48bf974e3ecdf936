package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.decode.resize.PixelBuffer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JPEG of the test data, through both decoders, against what TensorFlow and Pillow decoded
 * when the generator wrote it (manifest section {@code jpeg}): the photo-like images, the
 * ImageNet-like crops, and the variants (CMYK, YCCK, restart markers, an EXIF orientation, a
 * truncated file).
 *
 * <p>TensorFlow's {@code decode_jpeg} with {@code dct_method=INTEGER_ACCURATE} and Pillow agree to
 * the bit on every YCbCr and grayscale file (the manifest records it), and both decoders must give
 * the same pixels. EXIF orientation is not applied: the pixels are the stored ones, as in
 * TensorFlow.
 */
class JpegVariantsTest {
  enum Decoder {
    TURBOJPEG,
    IMAGEIO;

    ImageDecoder create(DecodeOptions options) {
      return this == TURBOJPEG ? TurboJpegDecoder.create(options) : new ImageIoDecoder(options);
    }
  }

  static Stream<Arguments> files() {
    List<Arguments> out = new ArrayList<>();
    for (String list : new String[] {"photos", "imagenet_like", "variants"}) {
      for (Map<String, Object> e : SharedData.jpegEntries(list)) {
        out.add(Arguments.of(e.get("file")));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void imageIoDecodesAsTheManifestSays(String file) throws IOException {
    decodesAsTheManifestSays(file, Decoder.IMAGEIO);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @RequiresTurboJpeg
  void turboJpegDecodesAsTheManifestSays(String file) throws IOException {
    decodesAsTheManifestSays(file, Decoder.TURBOJPEG);
  }

  @SuppressWarnings("unchecked")
  private static void decodesAsTheManifestSays(String file, Decoder which) throws IOException {
    Map<String, Object> entry = SharedData.jpegEntry(file);
    Map<String, Object> tf = (Map<String, Object>) entry.get("tf_decode_jpeg_integer_accurate");
    Map<String, Object> pillow = (Map<String, Object>) entry.get("pillow_decode");
    int width = ((Long) entry.get("width")).intValue();
    int height = ((Long) entry.get("height")).intValue();
    byte[] bytes = Files.readAllBytes(SharedData.testdata(file));
    try (Arena arena = Arena.ofConfined();
        ImageDecoder decoder = which.create(DecodeOptions.defaults())) {
      MemorySegment jpeg = Fixtures.copy(bytes, arena);
      MemorySegment target = arena.allocate((long) width * height * 3);
      String role = (String) entry.get("role");
      if (role.startsWith("truncated")) {
        assertThat(tf).as("TensorFlow refused it").containsKey("error");
        PixelBuffer lenient = decoder.decode(jpeg, DctScale.FULL, 3, target, width * 3L);
        assertThat(lenient.height()).isEqualTo(height);
        try (ImageDecoder strict = which.create(DecodeOptions.builder().strict(true).build())) {
          assertThatThrownBy(() -> strict.decode(jpeg, DctScale.FULL, 3, target, width * 3L))
              .isInstanceOf(ImageDecodeException.class)
              .hasMessageNotContaining("null");
        }
        return;
      }
      if (entry.get("adobe_transform") != null && which == Decoder.TURBOJPEG) {
        // CMYK and YCCK: our TurboJPEG binding refuses them by name; ImageIO decodes them.
        assertThatThrownBy(() -> decoder.decode(jpeg, DctScale.FULL, 3, target, width * 3L))
            .isInstanceOfSatisfying(
                ImageDecodeException.class,
                e -> assertThat(e.reason()).isEqualTo(ImageDecodeException.Reason.UNSUPPORTED))
            .hasMessageContaining("CMYK/YCCK");
        return;
      }
      ImageInfo info = decoder.probe(jpeg);
      assertThat(info.width()).as("stored width, orientation not applied").isEqualTo(width);
      assertThat(info.height()).isEqualTo(height);
      assertThat(info.components()).isEqualTo(((Long) entry.get("components")).intValue());
      decoder.decode(jpeg, DctScale.FULL, 3, target, width * 3L);
      String got = SharedData.sha256(target.toArray(ValueLayout.JAVA_BYTE));
      if (entry.get("adobe_transform") != null) {
        // CMYK and YCCK: TensorFlow and Pillow convert to RGB by different formulas (the
        // manifest records both and how far apart they are).
        assertThat(got)
            .as("RGB of %s by %s", file, decoder.name())
            .isEqualTo(pillow.get("rgb_sha256"));
        return;
      }
      assertThat(pillow.get("rgb_sha256")).isEqualTo(tf.get("rgb_sha256"));
      assertThat(got).as("RGB of %s by %s", file, decoder.name()).isEqualTo(tf.get("rgb_sha256"));
    }
  }
}
