package dev.stoker.tfrecord.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.stoker.tfrecord.TestData;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every feature the manifest lists, decoded by our reader, equals protobuf-java's decoding. */
class ExampleReaderManifestTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "tfrecord/small.tfrecord",
        "tfrecord/small.zlib.tfrecord",
        "tfrecord/images.tfrecord",
        "tfrecord/large.tfrecord"
      })
  void decodesEveryFeatureAsTheManifestSays(String file) throws IOException {
    List<byte[]> payloads = TestData.payloads(file);
    List<JsonObject> records = TestData.records(TestData.entry(file));
    ExampleReader reader = new ExampleReader();
    FeatureView view = new FeatureView();
    int checked = 0;
    for (int r = 0; r < payloads.size(); r++) {
      JsonObject features = records.get(r).getAsJsonObject("features");
      reader.wrap(MemorySegment.ofArray(payloads.get(r)));
      Set<String> names = new HashSet<>();
      for (int i = 0; i < reader.entryCount(); i++) {
        names.add(reader.entryName(i));
      }
      assertThat(names).isEqualTo(features.keySet());
      for (Map.Entry<String, JsonElement> e : features.entrySet()) {
        assertThat(reader.find(FeatureKey.of(e.getKey()), view)).isTrue();
        check(file + " record " + r + " " + e.getKey(), e.getValue().getAsJsonObject(), view);
        checked++;
      }
      assertThat(reader.find("no-such-feature", view)).isFalse();
    }
    assertThat(checked).isPositive();
  }

  private static void check(String what, JsonObject want, FeatureView view) {
    FeatureKind kind =
        FeatureKind.valueOf(want.get("kind").getAsString().toUpperCase(java.util.Locale.ROOT));
    assertThat(view.kind()).as(what).isEqualTo(kind);
    assertThat(view.count()).as(what).isEqualTo(want.get("count").getAsInt());
    switch (kind) {
      case INT64_LIST -> {
        JsonArray values = want.getAsJsonArray("values");
        long[] copy = new long[view.count()];
        assertThat(view.copyInt64s(copy, 0)).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
          long expected = Long.parseLong(values.get(i).getAsJsonPrimitive().getAsString());
          assertThat(view.int64(i)).as(what + "[" + i + "]").isEqualTo(expected);
          assertThat(copy[i]).isEqualTo(expected);
        }
      }
      case FLOAT_LIST -> {
        if (want.has("bits")) {
          JsonArray bits = want.getAsJsonArray("bits");
          for (int i = 0; i < bits.size(); i++) {
            int expected = Integer.parseUnsignedInt(bits.get(i).getAsString().substring(2), 16);
            assertThat(Float.floatToRawIntBits(view.float32(i)))
                .as(what + "[" + i + "]")
                .isEqualTo(expected);
          }
        } else {
          float[] all = new float[view.count()];
          view.copyFloats(all, 0);
          ByteBuffer le = ByteBuffer.allocate(all.length * 4).order(ByteOrder.LITTLE_ENDIAN);
          for (float f : all) {
            le.putFloat(f);
          }
          assertThat(TestData.sha256(le.array()))
              .isEqualTo(want.get("values_sha256_f32le").getAsString());
          assertThat(all[all.length - 1]).isEqualTo(want.get("values_last").getAsFloat());
        }
      }
      case BYTES_LIST -> {
        JsonArray values = want.getAsJsonArray("values");
        for (int i = 0; i < values.size(); i++) {
          JsonObject v = values.get(i).getAsJsonObject();
          assertThat(view.bytesLength(i)).isEqualTo(v.get("len").getAsInt());
          assertThat(TestData.sha256(view.bytes(i)))
              .as(what + "[" + i + "]")
              .isEqualTo(v.get("sha256").getAsString());
        }
      }
      case KIND_NOT_SET -> assertThat(view.count()).isZero();
    }
  }
}
