package dev.stoker.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import dev.stoker.core.memory.BudgetExceededException;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TfRecordReaderTest {
  enum Opening {
    PATH,
    CHANNEL,
    STREAM
  }

  static Stream<Arguments> validFilesAndOpenings() {
    List<Arguments> out = new ArrayList<>();
    for (JsonObject f : TestData.validFiles()) {
      for (Opening o : Opening.values()) {
        for (int readSize : new int[] {64, TfRecordReaderOptions.DEFAULT_READ_SIZE}) {
          out.add(Arguments.of(f.get("file").getAsString(), o, readSize));
        }
      }
    }
    return out.stream();
  }

  static TfRecordReader open(Path path, Opening opening, TfRecordReaderOptions options)
      throws IOException {
    return switch (opening) {
      case PATH -> TfRecordReader.open(path, options);
      case CHANNEL ->
          TfRecordReader.open(
              Channels.newChannel(new ByteArrayInputStream(Files.readAllBytes(path))), options);
      case STREAM -> TfRecordReader.open(Files.newInputStream(path), options);
    };
  }

  @ParameterizedTest(name = "{0} {1} readSize={2}")
  @MethodSource("validFilesAndOpenings")
  void readsEveryValidFileExactlyAsTheManifestSays(String file, Opening opening, int readSize)
      throws IOException {
    JsonObject entry = TestData.entry(file);
    List<JsonObject> expected = TestData.records(entry);
    TfRecordReaderOptions options =
        TfRecordReaderOptions.builder()
            .compression(TestData.compression(entry))
            .readSize(readSize)
            .build();
    int count = 0;
    try (TfRecordReader reader = open(TestData.file(file), opening, options)) {
      while (reader.next()) {
        JsonObject want = expected.get(count);
        assertThat(reader.index()).isEqualTo(count);
        assertThat(reader.recordLength()).isEqualTo(want.get("length").getAsInt());
        assertThat(TestData.sha256(reader.record()))
            .as("record %d", count)
            .isEqualTo(want.get("sha256").getAsString());
        if (want.has("offset")) {
          assertThat(reader.offset()).isEqualTo(want.get("offset").getAsLong());
        }
        count++;
      }
      assertThat(reader.next()).as("end stays end").isFalse();
    }
    assertThat(count).isEqualTo(entry.get("record_count").getAsInt());
  }

  static Stream<String> corruptFiles() {
    return TestData.corruptFiles().stream().map(f -> f.get("file").getAsString());
  }

  @ParameterizedTest
  @MethodSource("corruptFiles")
  void everyCorruptFileFailsAtTheDocumentedRecordAndOffset(String file) throws IOException {
    JsonObject entry = TestData.entry(file);
    int before = entry.get("valid_records_before_error").getAsInt();
    long badIndex = entry.get("bad_record_index").getAsLong();
    long badOffset = entry.get("bad_record_offset").getAsLong();
    List<String> tfReturned = new ArrayList<>();
    entry
        .getAsJsonObject("tensorflow_observed")
        .getAsJsonArray("records_returned_sha256")
        .forEach(e -> tfReturned.add(e.getAsString()));
    Class<? extends TfRecordException> type =
        switch (file) {
          case "tfrecord/corrupt-length.tfrecord" -> CorruptLengthException.class;
          case "tfrecord/corrupt-data-crc.tfrecord" -> DataChecksumException.class;
          case "tfrecord/truncated-mid-record.tfrecord" -> TruncatedRecordException.class;
          default -> throw new AssertionError("no expectation for " + file);
        };
    for (Opening opening : Opening.values()) {
      List<String> returned = new ArrayList<>();
      try (TfRecordReader reader =
          open(TestData.file(file), opening, TfRecordReaderOptions.defaults())) {
        TfRecordException e =
            assertThrows(
                type,
                () -> {
                  while (reader.next()) {
                    returned.add(TestData.sha256(reader.record()));
                  }
                });
        assertThat(returned).hasSize(before).isEqualTo(tfReturned);
        assertThat(e.offset()).isEqualTo(badOffset);
        assertThat(e.recordIndex()).isEqualTo(badIndex);
        assertThat(e.getMessage())
            .contains("record " + badIndex + " at offset " + badOffset)
            .contains(e.check().equals("truncated") ? "available=" : "Crc=");
        TfRecordException again = assertThrows(TfRecordException.class, reader::next);
        assertThat(again).as("the reader stays failed").isSameAs(e);
        assertThatThrownBy(reader::record).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void messagesNameTheFileTheRecordTheOffsetAndTheCheck() throws IOException {
    Path path = TestData.file("tfrecord/corrupt-length.tfrecord");
    try (TfRecordReader reader = TfRecordReader.open(path, TfRecordReaderOptions.defaults())) {
      assertThatThrownBy(
              () -> {
                while (reader.next()) {
                  reader.record();
                }
              })
          .isInstanceOf(CorruptLengthException.class)
          .hasMessageStartingWith(path + ": record 3 at offset 416: lengthCrc=0x")
          .hasMessageContaining("(expected: 0x")
          .hasMessageContaining("masked CRC32C of the 8 length bytes");
    }
  }

  @Test
  void skippingTheDataCheckReadsPastABadPayloadCrc() throws IOException {
    TfRecordReaderOptions options = TfRecordReaderOptions.builder().verifyDataCrc(false).build();
    try (TfRecordReader reader =
        TfRecordReader.open(TestData.file("tfrecord/corrupt-data-crc.tfrecord"), options)) {
      int n = 0;
      while (reader.next()) {
        n++;
      }
      assertThat(n).isEqualTo(10);
    }
  }

  @Test
  void aLengthOverTheLimitFailsBeforeAllocating() throws IOException {
    TfRecordReaderOptions options =
        TfRecordReaderOptions.builder().maxRecordLength(1 << 20).readSize(4096).build();
    JsonObject large = TestData.records(TestData.entry("tfrecord/large.tfrecord")).get(1);
    try (TfRecordReader reader =
        TfRecordReader.open(TestData.file("tfrecord/large.tfrecord"), options)) {
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::next)
          .isInstanceOf(RecordTooLongException.class)
          .hasMessageContaining(
              "record 1 at offset "
                  + large.get("offset").getAsLong()
                  + ": length="
                  + large.get("length").getAsLong())
          .hasMessageContaining("(expected: <= maxRecordLength 1048576)");
    }
  }

  @Test
  void cutInsideAHeaderIsTruncationNotAnEnd(@TempDir Path dir) throws IOException {
    byte[] small = Files.readAllBytes(TestData.file("tfrecord/small.tfrecord"));
    Path cut = dir.resolve("cut.tfrecord");
    Files.write(cut, Arrays.copyOf(small, 137 + 5)); // record 1's header starts at 137
    try (TfRecordReader reader = TfRecordReader.open(cut, TfRecordReaderOptions.defaults())) {
      assertThat(reader.next()).isTrue();
      assertThatThrownBy(reader::next)
          .isInstanceOf(TruncatedRecordException.class)
          .hasMessageContaining("record 1 at offset 137: available=5 bytes (expected: 12");
    }
  }

  @Test
  void aCutCompressedStreamIsACorruptStream(@TempDir Path dir) throws IOException {
    byte[] gz = Files.readAllBytes(TestData.file("tfrecord/small.gzip.tfrecord"));
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
    TfRecordReaderOptions options =
        TfRecordReaderOptions.builder().compression(TfRecordCompression.GZIP).build();
    try (TfRecordReader reader = TfRecordReader.open(cut, options)) {
      TfRecordException e =
          assertThrows(
              TfRecordException.class,
              () -> {
                while (reader.next()) {
                  reader.record();
                }
              });
      assertThat(e).isInstanceOfAny(CorruptStreamException.class, TruncatedRecordException.class);
    }
  }

  @Test
  void readAtUsesTheManifestOffsetsInAnyOrder() throws IOException {
    JsonObject entry = TestData.entry("tfrecord/small.tfrecord");
    List<JsonObject> records = TestData.records(entry);
    try (TfRecordReader reader =
        TfRecordReader.open(
            TestData.file("tfrecord/small.tfrecord"), TfRecordReaderOptions.defaults())) {
      for (int i = records.size() - 1; i >= 0; i--) {
        JsonObject r = records.get(i);
        assertThat(reader.readAt(r.get("offset").getAsLong(), i)).isTrue();
        assertThat(reader.index()).isEqualTo(i);
        assertThat(TestData.sha256(reader.record())).isEqualTo(r.get("sha256").getAsString());
      }
      assertThat(reader.readAt(records.get(8).get("offset").getAsLong(), 8)).isTrue();
      assertThat(reader.next()).isTrue();
      assertThat(reader.index()).isEqualTo(9);
      assertThat(reader.next()).isFalse();
      assertThat(reader.readAt(Files.size(TestData.file("tfrecord/small.tfrecord")), 10)).isFalse();
    }
  }

  @Test
  void readAtNeedsAnUncompressedSeekableSource() throws IOException {
    try (TfRecordReader reader =
        TfRecordReader.open(
            Files.newInputStream(TestData.file("tfrecord/small.tfrecord")),
            TfRecordReaderOptions.defaults())) {
      assertThatThrownBy(() -> reader.readAt(0, 0))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void copyRecordToFillsATargetSegment() throws IOException {
    try (TfRecordReader reader =
            TfRecordReader.open(
                TestData.file("tfrecord/small.tfrecord"), TfRecordReaderOptions.defaults());
        Arena arena = Arena.ofConfined()) {
      assertThat(reader.next()).isTrue();
      MemorySegment target = arena.allocate(reader.recordLength() + 3L);
      reader.copyRecordTo(target, 3);
      assertThat(TestData.sha256(target.asSlice(3)))
          .isEqualTo(
              TestData.records(TestData.entry("tfrecord/small.tfrecord"))
                  .getFirst()
                  .get("sha256")
                  .getAsString());
    }
  }

  @Test
  void recordViewsDieWithTheReader() throws IOException {
    MemorySegment view;
    try (TfRecordReader reader =
        TfRecordReader.open(
            TestData.file("tfrecord/small.tfrecord"), TfRecordReaderOptions.defaults())) {
      assertThat(reader.next()).isTrue();
      view = reader.record();
      assertThat(view.isReadOnly()).isTrue();
    }
    MemorySegment dead = view;
    assertThatThrownBy(() -> dead.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void optionsRejectBadValuesWithTheProjectMessage() {
    assertThatThrownBy(() -> TfRecordReaderOptions.builder().maxRecordLength(-1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRecordLength=-1 (expected: in [0, 1073741824])");
    assertThatThrownBy(() -> TfRecordReaderOptions.builder().readSize(8).build())
        .hasMessage("readSize=8 (expected: in [64, 1073741824])");
  }

  /**
   * The read buffer is drawn from the budget in the options, grows there to one frame of the large
   * record (holding old and new only while it copies), and is given back on close; a budget too
   * small for the growth fails naming the budget, the request and the limit.
   */
  @Test
  void theReadBufferIsDrawnFromTheGivenBudgetAndGivenBack() throws IOException {
    Path large = TestData.file("tfrecord/large.tfrecord");
    int largest = 0;
    try (MemoryBudget budget = MemoryBudget.create("reader-test", 8 << 20)) {
      TfRecordReaderOptions options =
          TfRecordReaderOptions.builder().readSize(4096).memoryBudget(budget).build();
      try (TfRecordReader reader = TfRecordReader.open(large, options)) {
        assertThat(budget.outstandingPurposes())
            .containsExactly("tfrecord read buffer (4096 bytes)");
        while (reader.next()) {
          largest = Math.max(largest, reader.recordLength());
        }
        assertThat(largest).isGreaterThan(1 << 20);
        assertThat(budget.outstandingCount()).isEqualTo(1);
        assertThat(budget.usedBytes()).isGreaterThanOrEqualTo(largest + TfRecordFrame.OVERHEAD);
        // Growing holds the old block (smaller than the frame) and the new one (the frame, or
        // twice the old block) at once: under three frames.
        assertThat(budget.peakBytes()).isLessThan(3L * (largest + TfRecordFrame.OVERHEAD));
      }
      assertThat(budget.usedBytes()).isZero();
    }
    try (MemoryBudget tight = MemoryBudget.create("tight-reader", 64 << 10)) {
      TfRecordReaderOptions options =
          TfRecordReaderOptions.builder().readSize(4096).memoryBudget(tight).build();
      try (TfRecordReader reader = TfRecordReader.open(large, options)) {
        assertThatThrownBy(
                () -> {
                  while (reader.next()) {
                    // the large record's frame does not fit
                  }
                })
            .isInstanceOf(BudgetExceededException.class)
            .hasMessageStartingWith("memory budget 'tight-reader' cannot allocate ")
            .hasMessageContaining("for tfrecord read buffer: ")
            .hasMessageEndingWith(" of 65536 bytes in use");
      }
      assertThat(tight.usedBytes()).isZero();
    }
  }

  /** Without a budget in the options, the reader has one of its own, open as long as it is. */
  @Test
  void aReaderWithoutABudgetHasItsOwnNamedOne() throws IOException {
    Path small = TestData.file("tfrecord/small.tfrecord");
    MemoryMetrics own;
    try (TfRecordReader reader = TfRecordReader.open(small, TfRecordReaderOptions.defaults())) {
      own =
          MemoryBudget.openBudgets().stream()
              .filter(b -> b.name().equals("tfrecord reader " + small))
              .findFirst()
              .orElseThrow();
      assertThat(own.outstandingPurposes())
          .containsExactly(
              "tfrecord read buffer (" + TfRecordReaderOptions.DEFAULT_READ_SIZE + " bytes)");
      assertThat(reader.next()).isTrue();
    }
    assertThat(MemoryBudget.openBudgets()).doesNotContain(own);
    assertThat(own.usedBytes()).isZero();
  }
}
