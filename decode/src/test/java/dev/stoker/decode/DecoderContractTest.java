package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every JPEG decoder must do; each implementation adds its factory. */
abstract class DecoderContractTest {
  protected ImageDecoder decoder;
  protected Arena arena;

  abstract ImageDecoder create(DecodeOptions options);

  @BeforeEach
  void open() {
    decoder = create(DecodeOptions.defaults());
    arena = Arena.ofConfined();
  }

  @AfterEach
  void close() {
    decoder.close();
    arena.close();
  }

  static Path photo(String name) {
    return SharedData.testdata("photos/" + name);
  }

  /** The header facts the generator read back from each photo's bytes (manifest jpeg.photos). */
  @Test
  void probesHeadersOfThePhotos() {
    List<Map<String, Object>> photos = SharedData.jpegEntries("photos");
    assertThat(photos).hasSizeGreaterThanOrEqualTo(5);
    for (Map<String, Object> p : photos) {
      ImageInfo expected =
          new ImageInfo(
              ImageFormat.JPEG,
              ((Long) p.get("width")).intValue(),
              ((Long) p.get("height")).intValue(),
              ((Long) p.get("components")).intValue(),
              "progressive".equals(p.get("sof")),
              ChromaSubsampling.valueOf((String) p.get("subsampling")));
      assertThat(decoder.probe(Fixtures.load(SharedData.testdata((String) p.get("file")), arena)))
          .as("%s", p.get("file"))
          .isEqualTo(expected);
    }
  }

  @Test
  void decodesAtAPaddedRowStrideAndLeavesThePaddingAlone() {
    MemorySegment jpeg = Fixtures.load(SharedData.testdata("images/img-05.jpg"), arena);
    ImageInfo info = decoder.probe(jpeg);
    int w = info.width();
    int h = info.height();
    MemorySegment packed = arena.allocate((long) w * h * 3);
    decoder.decode(jpeg, DctScale.FULL, 3, packed, w * 3L);
    long stride = w * 3L + 13;
    MemorySegment padded = arena.allocate(stride * h);
    padded.fill((byte) 0x5a);
    PixelBuffer view = decoder.decode(jpeg, DctScale.FULL, 3, padded, stride);
    assertThat(view.width()).isEqualTo(w);
    assertThat(view.height()).isEqualTo(h);
    assertThat(view.rowStride()).isEqualTo(stride);
    for (int y = 0; y < h; y++) {
      assertThat(padded.asSlice(y * stride, w * 3L).mismatch(packed.asSlice(y * 3L * w, w * 3L)))
          .isEqualTo(-1L);
      if (y < h - 1) {
        for (long p = y * stride + w * 3L; p < (y + 1) * stride; p++) {
          assertThat(padded.get(ValueLayout.JAVA_BYTE, p)).isEqualTo((byte) 0x5a);
        }
      }
    }
  }

  @Test
  void expandsGrayToThreeEqualChannelsOrGivesOneWhenAsked() {
    MemorySegment jpeg = Fixtures.load(photo("photo-gray.jpg"), arena);
    Map<String, Object> entry = SharedData.jpegEntry("photos/photo-gray.jpg");
    int w = ((Long) entry.get("width")).intValue();
    int h = ((Long) entry.get("height")).intValue();
    MemorySegment gray = arena.allocate((long) w * h);
    MemorySegment rgb = arena.allocate((long) w * h * 3);
    decoder.decode(jpeg, DctScale.FULL, 1, gray, w);
    decoder.decode(jpeg, DctScale.FULL, 3, rgb, w * 3L);
    for (long i = 0; i < (long) w * h; i += 997) {
      byte v = gray.get(ValueLayout.JAVA_BYTE, i);
      assertThat(rgb.get(ValueLayout.JAVA_BYTE, 3 * i)).isEqualTo(v);
      assertThat(rgb.get(ValueLayout.JAVA_BYTE, 3 * i + 1)).isEqualTo(v);
      assertThat(rgb.get(ValueLayout.JAVA_BYTE, 3 * i + 2)).isEqualTo(v);
    }
  }

  @Test
  void readsHeapSegmentsToo() throws Exception {
    byte[] bytes = Files.readAllBytes(SharedData.testdata("images/img-09.jpg"));
    MemorySegment heap = MemorySegment.ofArray(bytes);
    ImageInfo info = decoder.probe(heap);
    int n = info.width() * info.height() * 3;
    byte[] fromHeap = new byte[n];
    decoder.decode(heap, DctScale.FULL, 3, MemorySegment.ofArray(fromHeap), info.width() * 3L);
    MemorySegment nativeOut = arena.allocate(n);
    decoder.decode(Fixtures.copy(bytes, arena), DctScale.FULL, 3, nativeOut, info.width() * 3L);
    assertThat(fromHeap).isEqualTo(nativeOut.toArray(ValueLayout.JAVA_BYTE));
    assertThat(MemorySegment.ofArray(fromHeap).mismatch(MemorySegment.ofArray(new byte[n])))
        .as("decoded something other than zeros")
        .isNotEqualTo(-1L);
  }

  @Test
  void refusesImagesOverThePixelLimitFromTheHeader() {
    try (ImageDecoder small = create(DecodeOptions.builder().maxPixels(1_000_000).build())) {
      // 1280×1024, as the manifest records for photos/photo-progressive.jpg
      MemorySegment jpeg = Fixtures.load(photo("photo-progressive.jpg"), arena);
      MemorySegment target = arena.allocate(16);
      // The probe refuses it too, so a caller that sizes its buffer from the probe never
      // allocates what the header claims.
      assertThatThrownBy(() -> small.probe(jpeg))
          .isInstanceOf(ImageDecodeException.class)
          .hasMessage(
              "too_large: width×height=1280×1024 = 1310720 (expected: <= maxPixels 1000000)");
      assertThatThrownBy(() -> small.decode(jpeg, DctScale.FULL, 3, target, 3 * 1280))
          .isInstanceOf(ImageDecodeException.class)
          .hasMessage(
              "too_large: width×height=1280×1024 = 1310720 (expected: <= maxPixels 1000000)")
          .extracting(e -> ((ImageDecodeException) e).reason())
          .isEqualTo(ImageDecodeException.Reason.TOO_LARGE);
    }
  }

  @Test
  void refusesDataThatIsNoImage() {
    MemorySegment junk =
        Fixtures.copy(
            "hello, not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII), arena);
    MemorySegment target = arena.allocate(1024);
    assertThatThrownBy(() -> decoder.decode(junk, DctScale.FULL, 3, target, 30))
        .isInstanceOf(ImageDecodeException.class)
        .extracting(e -> ((ImageDecodeException) e).reason())
        .isEqualTo(ImageDecodeException.Reason.UNSUPPORTED);
    assertThatThrownBy(() -> decoder.probe(junk)).isInstanceOf(ImageDecodeException.class);
  }

  @Test
  void refusesATargetTooSmallBeforeDecoding() {
    MemorySegment jpeg = Fixtures.load(SharedData.testdata("images/img-00.jpg"), arena);
    MemorySegment target = arena.allocate(64 * 48 * 3 - 1);
    assertThatThrownBy(() -> decoder.decode(jpeg, DctScale.FULL, 3, target, 64 * 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target.byteSize=9215 (expected: >= 9216 for 64×48×3)");
  }

  @Test
  void strictModeTurnsATruncatedScanIntoAnError() throws Exception {
    byte[] bytes = Files.readAllBytes(photo("photo-420.jpg")); // 1440×1080 in the manifest
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
    MemorySegment target = arena.allocate(1440L * 1080 * 3);
    PixelBuffer lenient =
        decoder.decode(Fixtures.copy(cut, arena), DctScale.FULL, 3, target, 1440 * 3);
    assertThat(lenient.height()).isEqualTo(1080);
    try (ImageDecoder strict = create(DecodeOptions.builder().strict(true).build())) {
      assertThatThrownBy(
              () -> strict.decode(Fixtures.copy(cut, arena), DctScale.FULL, 3, target, 1440 * 3))
          .isInstanceOf(ImageDecodeException.class)
          .extracting(e -> ((ImageDecodeException) e).reason())
          .isEqualTo(ImageDecodeException.Reason.WARNING);
    }
  }

  @Test
  void isUnusableAfterCloseAndClosesTwice() {
    decoder.close();
    decoder.close();
    MemorySegment jpeg = Fixtures.load(SharedData.testdata("images/img-00.jpg"), arena);
    assertThatThrownBy(() -> decoder.probe(jpeg)).isInstanceOf(IllegalStateException.class);
  }
}
