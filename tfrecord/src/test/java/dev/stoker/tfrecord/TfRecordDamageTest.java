package dev.stoker.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded damage to generated files: truncation, bit flips and shuffled chunks, in every
 * compression. Only a {@link TfRecordException} may escape, every record returned must be an
 * original one (and, for truncation and flips, the original at its index), and every read loop is
 * bounded by the number of records written.
 */
class TfRecordDamageTest {
  private static final int TRIALS_PER_COMPRESSION = 400;

  @Test
  void onlyDocumentedExceptionsEscapeAndNoRecordPastDamageIsReturned() throws IOException {
    SplittableRandom random = new SplittableRandom(0x7f4a7c15L);
    int failures = 0;
    int cleanEnds = 0;
    for (TfRecordCompression compression : TfRecordCompression.values()) {
      List<byte[]> payloads = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        byte[] p = new byte[random.nextInt(0, i % 7 == 0 ? 5000 : 200)];
        for (int j = 0; j < p.length; j++) {
          p[j] = (byte) random.nextInt();
        }
        payloads.add(p);
      }
      Set<String> originals = new HashSet<>();
      payloads.forEach(p -> originals.add(TestData.sha256(p)));
      byte[] file = write(payloads, compression);
      for (int trial = 0; trial < TRIALS_PER_COMPRESSION; trial++) {
        int kind = trial % 3;
        byte[] damaged =
            switch (kind) {
              case 0 -> java.util.Arrays.copyOf(file, random.nextInt(0, file.length));
              case 1 -> flip(file, random, 1 + random.nextInt(3));
              default -> shuffle(file, random);
            };
        TfRecordReaderOptions options =
            TfRecordReaderOptions.builder()
                .compression(compression)
                .maxRecordLength(1 << 20)
                .readSize(64 + random.nextInt(4096))
                .build();
        List<String> read = new ArrayList<>();
        try (TfRecordReader reader =
            TfRecordReader.open(new ByteArrayInputStream(damaged), options)) {
          while (read.size() <= payloads.size() && reader.next()) {
            read.add(TestData.sha256(reader.record().toArray(ValueLayout.JAVA_BYTE)));
          }
          assertThat(read.size()).as("bounded").isLessThanOrEqualTo(payloads.size());
          cleanEnds++;
        } catch (TfRecordException expected) {
          failures++;
        }
        assertThat(originals).containsAll(read);
        if (kind != 2) {
          for (int i = 0; i < read.size(); i++) {
            assertThat(read.get(i)).isEqualTo(TestData.sha256(payloads.get(i)));
          }
        }
      }
    }
    assertThat(failures).isGreaterThan(TRIALS_PER_COMPRESSION);
    assertThat(cleanEnds).isPositive();
  }

  private static byte[] write(List<byte[]> payloads, TfRecordCompression compression)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TfRecordWriterOptions options =
        TfRecordWriterOptions.builder().compression(compression).build();
    try (TfRecordWriter writer = TfRecordWriter.open(out, options)) {
      for (byte[] p : payloads) {
        writer.write(p);
      }
    }
    return out.toByteArray();
  }

  private static byte[] flip(byte[] file, SplittableRandom random, int bits) {
    byte[] copy = file.clone();
    for (int i = 0; i < bits; i++) {
      int at = random.nextInt(copy.length);
      copy[at] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }

  private static byte[] shuffle(byte[] file, SplittableRandom random) {
    int pieces = 2 + random.nextInt(6);
    int[] cuts = new int[pieces + 1];
    cuts[pieces] = file.length;
    for (int i = 1; i < pieces; i++) {
      cuts[i] = random.nextInt(file.length);
    }
    java.util.Arrays.sort(cuts);
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < pieces; i++) {
      parts.add(java.util.Arrays.copyOfRange(file, cuts[i], cuts[i + 1]));
    }
    for (int i = parts.size() - 1; i > 0; i--) {
      java.util.Collections.swap(parts, i, random.nextInt(i + 1));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
