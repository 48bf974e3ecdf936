package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Truncated and bit-flipped ImageNet-like JPEGs through both decoders, lenient and strict: each
 * either decodes or raises {@link ImageDecodeException}; nothing else escapes, and nothing hangs
 * (the timeout only guards against a hang; it is no speed claim).
 */
class CorruptInputTest {
  private static final long SEED = 0x5eed_c0de_2026L;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  @RequiresTurboJpeg
  void onlyDocumentedExceptionsEscapeTurboJpeg() throws IOException {
    try (ImageDecoder lenient = TurboJpegDecoder.create(DecodeOptions.defaults());
        ImageDecoder strict =
            TurboJpegDecoder.create(DecodeOptions.builder().strict(true).build())) {
      onlyDocumentedExceptionsEscape(lenient, strict);
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void onlyDocumentedExceptionsEscapeImageIo() throws IOException {
    try (ImageDecoder lenient = new ImageIoDecoder(DecodeOptions.defaults());
        ImageDecoder strict = new ImageIoDecoder(DecodeOptions.builder().strict(true).build())) {
      onlyDocumentedExceptionsEscape(lenient, strict);
    }
  }

  /** The same 150 seeded mutations through each decoder, lenient and strict. */
  private static void onlyDocumentedExceptionsEscape(ImageDecoder... decoders) throws IOException {
    List<Path> all = SharedData.jpegs(SharedData.testdata("imagenet-like"));
    SplittableRandom rnd = new SplittableRandom(SEED);
    int decoded = 0;
    int refused = 0;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment target = arena.allocate(4096L * 4096 * 3);
      for (int n = 0; n < 150; n++) {
        Path file = all.get(rnd.nextInt(all.size()));
        byte[] original = Files.readAllBytes(file);
        byte[] mutated = mutate(original, rnd);
        MemorySegment data = Fixtures.copy(mutated, arena);
        for (ImageDecoder d : decoders) {
          try {
            ImageInfo info = d.probe(data);
            if (info.pixels() > 4096L * 4096) {
              refused++;
              continue;
            }
            d.decode(data, DctScale.FULL, 3, target, info.width() * 3L);
            decoded++;
          } catch (ImageDecodeException e) {
            assertThat(e.getMessage()).as("message of %s on %s", d.name(), file).isNotBlank();
            refused++;
          }
        }
      }
    }
    assertThat(decoded).isPositive();
    assertThat(refused).isPositive();
  }

  private static byte[] mutate(byte[] original, SplittableRandom rnd) {
    int kind = rnd.nextInt(3);
    if (kind == 0) {
      return Arrays.copyOf(original, rnd.nextInt(original.length));
    }
    byte[] copy = original.clone();
    int flips = 1 + rnd.nextInt(kind == 1 ? 4 : 40);
    // Flip kind 1 in the headers (the first 600 bytes: markers, tables, frame header), kind 2
    // anywhere.
    int range = kind == 1 ? Math.min(600, copy.length) : copy.length;
    for (int i = 0; i < flips; i++) {
      int at = rnd.nextInt(range);
      copy[at] ^= (byte) (1 << rnd.nextInt(8));
    }
    return copy;
  }
}
