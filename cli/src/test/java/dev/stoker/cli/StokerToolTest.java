package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code stoker inspect}, {@code verify} and {@code index} against TensorFlow-written files. */
class StokerToolTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tfrecord/small.tfrecord",
        "tfrecord/small.gzip.tfrecord",
        "tfrecord/small.zlib.tfrecord",
        "tfrecord/images.tfrecord",
        "tfrecord/large.tfrecord"
      })
  void inspectJsonMatchesTheManifest(String file) {
    JsonObject entry = Shared.entry(file);
    Cli.Run run = Cli.stoker("inspect", Shared.file(file).toString(), "--format", "json");

    assertThat(run.status()).as(run.err()).isZero();
    List<String> lines = run.outLines();
    assertThat(lines).hasSize(entry.get("record_count").getAsInt());
    JsonArray records =
        entry.has("records")
                && entry.getAsJsonArray("records").get(0).getAsJsonObject().has("features")
            ? entry.getAsJsonArray("records")
            : Shared.entry(file.replace(".gzip", "").replace(".zlib", ""))
                .getAsJsonArray("records");
    for (int i = 0; i < lines.size(); i++) {
      JsonObject expected = records.get(i).getAsJsonObject().getAsJsonObject("features");
      JsonObject printed = JsonParser.parseString(lines.get(i)).getAsJsonObject();
      assertThat(lines.get(i)).doesNotContain("\n", " :", ": ");
      JsonObject features =
          printed.has("features") && printed.getAsJsonObject("features").has("feature")
              ? printed.getAsJsonObject("features").getAsJsonObject("feature")
              : new JsonObject();
      assertThat(features.keySet()).as("record %d", i).isEqualTo(expected.keySet());
      for (Map.Entry<String, JsonElement> f : expected.entrySet()) {
        checkFeature(
            file + " record " + i + " " + f.getKey(),
            f.getValue().getAsJsonObject(),
            features.getAsJsonObject(f.getKey()));
      }
    }
  }

  /** Compares one printed feature with the manifest's decoded values. */
  private static void checkFeature(String what, JsonObject expected, JsonObject printed) {
    String kind = expected.get("kind").getAsString();
    JsonArray values = expected.getAsJsonArray("values");
    switch (kind) {
      case "kind_not_set" -> assertThat(printed.keySet()).as(what).isEmpty();
      case "int64_list" -> {
        List<BigInteger> got = new ArrayList<>();
        for (JsonElement e : list(printed, "int64List")) {
          got.add(new BigInteger(e.getAsString()));
        }
        List<BigInteger> want = new ArrayList<>();
        for (JsonElement e : values) {
          want.add(e.getAsBigInteger());
        }
        assertThat(got).as(what).isEqualTo(want);
      }
      case "float_list" -> {
        JsonArray got = list(printed, "floatList");
        JsonArray bits = expected.getAsJsonArray("bits");
        if (bits == null) { // a long list: the manifest gives the SHA-256 of its float32 LE bytes
          java.nio.ByteBuffer le =
              java.nio.ByteBuffer.allocate(4 * got.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
          got.forEach(e -> le.putFloat(Float.parseFloat(e.getAsString())));
          assertThat(Shared.sha256(le.array()))
              .as(what)
              .isEqualTo(expected.get("values_sha256_f32le").getAsString());
          return;
        }
        assertThat(got.size()).as(what).isEqualTo(bits.size());
        for (int i = 0; i < bits.size(); i++) {
          float f = Float.parseFloat(got.get(i).getAsString());
          int want = Integer.parseUnsignedInt(bits.get(i).getAsString().substring(2), 16);
          if (Float.isNaN(Float.intBitsToFloat(want))) {
            assertThat(f).as(what).isNaN();
          } else {
            assertThat(Float.floatToRawIntBits(f)).as(what + "[" + i + "]").isEqualTo(want);
          }
        }
      }
      case "bytes_list" -> {
        JsonArray got = list(printed, "bytesList");
        assertThat(got.size()).as(what).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
          byte[] b = Base64.getDecoder().decode(got.get(i).getAsString());
          assertThat(Shared.sha256(b))
              .as(what + "[" + i + "]")
              .isEqualTo(values.get(i).getAsJsonObject().get("sha256").getAsString());
        }
      }
      default -> throw new AssertionError("unknown kind " + kind);
    }
  }

  private static JsonArray list(JsonObject printed, String kind) {
    assertThat(printed.keySet()).containsExactly(kind);
    JsonObject list = printed.getAsJsonObject(kind);
    return list.has("value") ? list.getAsJsonArray("value") : new JsonArray();
  }

  @Test
  void inspectPrintsARecordThatIsNotAnExampleAsItsLengthAndHash() throws IOException {
    byte[] notExample = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01};
    byte[] empty = {};
    Path file = tmp.resolve("raw.tfrecord");
    try (TfRecordWriter w = TfRecordWriter.open(file, TfRecordWriterOptions.defaults())) {
      w.write(notExample);
      w.write(empty);
    }
    Cli.Run run = Cli.stoker("inspect", file.toString());

    assertThat(run.status()).isZero();
    assertThat(run.outLines())
        .containsExactly(
            "{\"length\":4,\"sha256\":\"" + Shared.sha256(notExample) + "\"}",
            "{}"); // an empty payload is a valid, empty Example
  }

  @Test
  void inspectLimitAndSummary() {
    Cli.Run json =
        Cli.stoker("inspect", Shared.file("tfrecord/images.tfrecord").toString(), "--limit", "3");
    assertThat(json.outLines()).hasSize(3);

    Cli.Run summary =
        Cli.stoker(
            "inspect", "--format=summary", Shared.file("tfrecord/images.gzip.tfrecord").toString());
    assertThat(summary.status()).isZero();
    assertThat(summary.outLines().getFirst()).contains("40 records", "compression GZIP");
    assertThat(summary.out()).contains("image/encoded=bytes_list", "labels: 0x4 1x4");
  }

  @Test
  void verifyPassesIntactFilesWithTheirRecordCount() {
    List<String> args = new ArrayList<>(List.of("verify"));
    List<JsonObject> intact =
        Shared.tfrecordFiles().stream().filter(f -> !f.has("corruption")).toList();
    intact.forEach(f -> args.add(Shared.file(f.get("file").getAsString()).toString()));
    Cli.Run run = Cli.stoker(args.toArray(String[]::new));

    assertThat(run.status()).as(run.out()).isZero();
    for (int i = 0; i < intact.size(); i++) {
      assertThat(run.outLines().get(i))
          .endsWith(": ok, " + intact.get(i).get("record_count").getAsInt() + " records");
    }
  }

  @Test
  void verifyFlagsEachCorruptedFileAtItsManifestOffset() {
    List<JsonObject> corrupt =
        Shared.tfrecordFiles().stream().filter(f -> f.has("corruption")).toList();
    assertThat(corrupt).hasSizeGreaterThanOrEqualTo(3);
    List<String> args =
        new ArrayList<>(List.of("verify", Shared.file("tfrecord/small.tfrecord").toString()));
    corrupt.forEach(f -> args.add(Shared.file(f.get("file").getAsString()).toString()));
    Cli.Run run = Cli.stoker(args.toArray(String[]::new));

    assertThat(run.status()).isEqualTo(1);
    List<String> lines = run.outLines();
    assertThat(lines).hasSize(1 + corrupt.size());
    assertThat(lines.getFirst()).endsWith("small.tfrecord: ok, 10 records");
    for (int i = 0; i < corrupt.size(); i++) {
      JsonObject f = corrupt.get(i);
      assertThat(lines.get(i + 1))
          .startsWith(
              Shared.file(f.get("file").getAsString())
                  + ": damaged at offset "
                  + f.get("bad_record_offset").getAsLong()
                  + " (record "
                  + f.get("bad_record_index").getAsLong()
                  + "): ");
    }
    assertThat(lines.get(1 + indexOf(corrupt, "tfrecord/corrupt-length.tfrecord")))
        .contains("length");
    assertThat(lines.get(1 + indexOf(corrupt, "tfrecord/corrupt-data-crc.tfrecord")))
        .contains("data");
    assertThat(lines.get(1 + indexOf(corrupt, "tfrecord/truncated-mid-record.tfrecord")))
        .contains("truncated");
  }

  private static int indexOf(List<JsonObject> files, String name) {
    for (int i = 0; i < files.size(); i++) {
      if (files.get(i).get("file").getAsString().equals(name)) {
        return i;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void indexWritesOneLinePerRecordWithManifestOffsets() throws IOException {
    Path copy = tmp.resolve("images.tfrecord");
    Files.copy(Shared.file("tfrecord/images.tfrecord"), copy);
    Cli.Run run = Cli.stoker("index", copy.toString());

    assertThat(run.status()).as(run.err()).isZero();
    List<String> expected = new ArrayList<>();
    for (JsonElement r : Shared.entry("tfrecord/images.tfrecord").getAsJsonArray("records")) {
      JsonObject o = r.getAsJsonObject();
      expected.add(o.get("offset").getAsLong() + " " + (o.get("length").getAsLong() + 16));
    }
    assertThat(Files.readAllLines(Path.of(copy + ".idx"), StandardCharsets.US_ASCII))
        .isEqualTo(expected);

    Cli.Run again = Cli.stoker("index", copy.toString());
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("exists", "--overwrite");
    assertThat(Cli.stoker("index", "--overwrite", copy.toString()).status()).isZero();
  }

  @Test
  void indexRefusesACompressedFile() {
    Cli.Run run =
        Cli.stoker(
            "index", Shared.file("tfrecord/images.gzip.tfrecord").toString(), "--suffix", ".never");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("compression=GZIP (expected: NONE");
    assertThat(Path.of(Shared.file("tfrecord/images.gzip.tfrecord") + ".never")).doesNotExist();
  }
}
