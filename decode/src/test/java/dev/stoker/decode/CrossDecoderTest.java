package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libjpeg-turbo and the JDK's decoder give the same RGB, to the bit, on baseline YCbCr and
 * grayscale JPEGs: the photo-like images and the ImageNet-like ones of the test data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RequiresTurboJpeg
class CrossDecoderTest {
  private TurboJpegDecoder turbo;
  private ImageIoDecoder imageIo;

  @BeforeAll
  void open() {
    turbo = TurboJpegDecoder.create(DecodeOptions.defaults());
    imageIo = new ImageIoDecoder(DecodeOptions.defaults());
  }

  @AfterAll
  void close() {
    turbo.close();
    imageIo.close();
  }

  static Stream<Path> files() throws IOException {
    List<Path> files = new ArrayList<>(SharedData.jpegs(SharedData.testdata("photos")));
    files.addAll(SharedData.jpegs(SharedData.testdata("imagenet-like")));
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void bothDecodersGiveIdenticalRgb(Path file) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment jpeg = Fixtures.load(file, arena);
      ImageInfo info = turbo.probe(jpeg);
      long bytes = (long) info.width() * info.height() * 3;
      MemorySegment a = arena.allocate(bytes);
      MemorySegment b = arena.allocate(bytes);
      turbo.decode(jpeg, DctScale.FULL, 3, a, info.width() * 3L);
      imageIo.decode(jpeg, DctScale.FULL, 3, b, info.width() * 3L);
      long at = a.mismatch(b);
      assertThat(at)
          .as("%s (%s): first differing byte at %d", file.getFileName(), info, at)
          .isEqualTo(-1L);
    }
  }
}
