package dev.stoker.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordIndexTest {
  @Test
  void buildListsTheManifestOffsetsAndFrameSizes() throws IOException {
    for (String file :
        List.of("tfrecord/small.tfrecord", "tfrecord/images.tfrecord", "tfrecord/large.tfrecord")) {
      List<JsonObject> records = TestData.records(TestData.entry(file));
      TfRecordIndex index =
          TfRecordIndex.build(TestData.file(file), TfRecordReaderOptions.defaults());
      assertThat(index.count()).isEqualTo(records.size());
      for (int i = 0; i < records.size(); i++) {
        assertThat(index.offset(i)).isEqualTo(records.get(i).get("offset").getAsLong());
        assertThat(index.payloadLength(i)).isEqualTo(records.get(i).get("length").getAsLong());
        assertThat(index.frameSize(i)).isEqualTo(records.get(i).get("length").getAsLong() + 16);
      }
    }
  }

  @Test
  void writeThenReadRoundTripsAndDrivesRandomAccess(@TempDir Path dir) throws IOException {
    Path shard = TestData.file("tfrecord/images.tfrecord");
    TfRecordIndex index = TfRecordIndex.build(shard, TfRecordReaderOptions.defaults());
    Path idx = dir.resolve("images.idx");
    index.write(idx);
    List<JsonObject> records = TestData.records(TestData.entry("tfrecord/images.tfrecord"));
    // one line per record: its offset and its framed size (payload + 16 bytes of framing)
    assertThat(Files.readAllLines(idx).getFirst())
        .isEqualTo("0 " + (records.getFirst().get("length").getAsLong() + 16));
    TfRecordIndex back = TfRecordIndex.read(idx);
    assertThat(back).isEqualTo(index);
    try (TfRecordReader reader = TfRecordReader.open(shard, TfRecordReaderOptions.defaults())) {
      for (int i : new int[] {39, 0, 17, 3}) {
        assertThat(reader.readAt(back.offset(i), i)).isTrue();
        assertThat(TestData.sha256(reader.record()))
            .isEqualTo(records.get(i).get("sha256").getAsString());
      }
    }
  }

  @Test
  void buildFailsOnDamageLikeTheReader() {
    assertThatThrownBy(
            () ->
                TfRecordIndex.build(
                    TestData.file("tfrecord/truncated-mid-record.tfrecord"),
                    TfRecordReaderOptions.defaults()))
        .isInstanceOf(TruncatedRecordException.class)
        .hasMessageContaining("record 6 at offset 624");
  }

  @Test
  void malformedLinesAreNamed(@TempDir Path dir) throws IOException {
    Path idx = dir.resolve("bad.idx");
    Files.writeString(idx, "0 100\n100 x\n");
    assertThatThrownBy(() -> TfRecordIndex.read(idx))
        .isInstanceOf(IOException.class)
        .hasMessage(idx + ": line 2: '100 x' (expected: 'offset size')");
    Files.writeString(idx, "0 100\n50 100\n");
    assertThatThrownBy(() -> TfRecordIndex.read(idx))
        .hasMessage(idx + ": line 2: offset=50 size=100 (expected: offset >= 100 and size >= 16)");
  }
}
