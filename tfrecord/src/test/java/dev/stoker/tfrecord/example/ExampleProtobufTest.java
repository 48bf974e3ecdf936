package dev.stoker.tfrecord.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.stoker.tfrecord.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** Our reader, writer and JSON printer against protobuf-java, the reference implementation. */
class ExampleProtobufTest {
  /** Writes raw protobuf wire format with protobuf-java's own encoder. */
  interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  static byte[] wire(Body body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    body.write(out);
    out.flush();
    return bytes.toByteArray();
  }

  static byte[] entry(String key, byte[]... featureParts) throws IOException {
    return wire(
        o -> {
          o.writeString(1, key);
          for (byte[] f : featureParts) {
            o.writeByteArray(2, f);
          }
        });
  }

  static byte[] features(byte[]... entries) throws IOException {
    return wire(
        o -> {
          for (byte[] e : entries) {
            o.writeByteArray(1, e);
          }
        });
  }

  static byte[] example(byte[]... featuresFields) throws IOException {
    return wire(
        o -> {
          for (byte[] f : featuresFields) {
            o.writeByteArray(1, f);
          }
        });
  }

  /** Asserts that our reader and printer see exactly what protobuf-java sees. */
  static void assertAgrees(byte[] payload) throws IOException {
    Example pb = Example.parseFrom(payload);
    MemorySegment segment = MemorySegment.ofArray(payload);
    ExampleReader reader = new ExampleReader().wrap(segment);
    FeatureView view = new FeatureView();
    Map<String, Feature> map = pb.getFeatures().getFeatureMap();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < reader.entryCount(); i++) {
      names.add(reader.entryName(i));
    }
    assertThat(names).isEqualTo(map.keySet());
    assertThat(reader.hasFeatures()).isEqualTo(pb.hasFeatures());
    for (Map.Entry<String, Feature> e : map.entrySet()) {
      assertThat(reader.find(FeatureKey.of(e.getKey()), view)).isTrue();
      assertSame(e.getKey(), e.getValue(), view);
    }
    assertThat(ExampleJson.print(segment)).isEqualTo(JsonFormat.printer().print(pb));
  }

  static void assertSame(String name, Feature pb, FeatureView view) {
    switch (pb.getKindCase()) {
      case BYTES_LIST -> {
        assertThat(view.kind()).as(name).isEqualTo(FeatureKind.BYTES_LIST);
        List<ByteString> values = pb.getBytesList().getValueList();
        assertThat(view.count()).as(name).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
          assertThat(view.bytes(i).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
              .isEqualTo(values.get(i).toByteArray());
        }
      }
      case FLOAT_LIST -> {
        assertThat(view.kind()).as(name).isEqualTo(FeatureKind.FLOAT_LIST);
        List<Float> values = pb.getFloatList().getValueList();
        assertThat(view.count()).as(name).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
          assertThat(Float.floatToRawIntBits(view.float32(i)))
              .isEqualTo(Float.floatToRawIntBits(values.get(i)));
        }
      }
      case INT64_LIST -> {
        assertThat(view.kind()).as(name).isEqualTo(FeatureKind.INT64_LIST);
        List<Long> values = pb.getInt64List().getValueList();
        assertThat(view.count()).as(name).isEqualTo(values.size());
        for (int i = 0; i < values.size(); i++) {
          assertThat(view.int64(i)).isEqualTo(values.get(i));
        }
      }
      case KIND_NOT_SET -> {
        assertThat(view.kind()).as(name).isEqualTo(FeatureKind.KIND_NOT_SET);
        assertThat(view.count()).isZero();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"tfrecord/small.tfrecord", "tfrecord/images.tfrecord", "tfrecord/large.tfrecord"})
  void readerPrinterAndWriterAgreeOnTheTestData(String file) throws IOException {
    for (byte[] payload : TestData.payloads(file)) {
      assertAgrees(payload);
      Example pb = Example.parseFrom(payload);
      assertThat(fromProtobuf(pb).toByteArray()).isEqualTo(pb.toByteArray()).isEqualTo(payload);
    }
  }

  @Test
  void mixedPackedAndUnpackedListsKeepEveryValueInWireOrder() throws IOException {
    byte[] floats =
        wire(
            o -> {
              o.writeFloat(1, 1f);
              o.writeTag(1, 2);
              o.writeUInt32NoTag(8);
              o.writeFloatNoTag(2f);
              o.writeFloatNoTag(-0f);
              o.writeFloat(1, Float.NaN);
            });
    byte[] ints =
        wire(
            o -> {
              o.writeInt64(1, -1);
              o.writeTag(1, 2);
              o.writeUInt32NoTag(3);
              o.writeInt64NoTag(2);
              o.writeInt64NoTag(300);
              o.writeInt64(1, Long.MIN_VALUE);
            });
    byte[] payload =
        example(
            features(
                entry("f", wire(o -> o.writeByteArray(2, floats))),
                entry("i", wire(o -> o.writeByteArray(3, ints)))));
    assertAgrees(payload);
    FeatureView v = new FeatureView();
    ExampleReader reader = new ExampleReader().wrap(MemorySegment.ofArray(payload));
    assertThat(reader.find("i", v)).isTrue();
    long[] got = new long[4];
    v.copyInt64s(got, 0);
    assertThat(got).containsExactly(-1, 2, 300, Long.MIN_VALUE);
    assertThat(reader.find("f", v)).isTrue();
    assertThat(v.count()).isEqualTo(4);
  }

  @Test
  void unknownFieldsAreSkippedAtEveryLevel() throws IOException {
    byte[] bytesList =
        wire(
            o -> {
              o.writeInt32(2, 7);
              o.writeByteArray(1, new byte[] {1, 2});
              o.writeFixed64(3, 9);
              o.writeInt32(1, 5); // the known field number with the wrong wire type
              o.writeByteArray(1, new byte[0]);
            });
    byte[] feature =
        wire(
            o -> {
              o.writeFixed32(4, 1);
              o.writeInt32(1, 3); // wrong wire type for bytes_list: unknown
              o.writeByteArray(1, bytesList);
              o.writeTag(9, 3); // a group holding a nested group
              o.writeInt32(1, 1);
              o.writeTag(10, 3);
              o.writeTag(10, 4);
              o.writeTag(9, 4);
            });
    byte[] entry =
        wire(
            o -> {
              o.writeByteArray(3, new byte[] {9});
              o.writeString(1, "k");
              o.writeByteArray(2, feature);
              o.writeFixed64(4, 0);
            });
    byte[] features =
        wire(
            o -> {
              o.writeFixed64(2, 1);
              o.writeByteArray(1, entry);
              o.writeString(3, "unknown");
            });
    byte[] payload =
        wire(
            o -> {
              o.writeInt64(7, -5);
              o.writeByteArray(1, features);
              o.writeFixed32(8, 1);
            });
    assertAgrees(payload);
  }

  @Test
  void duplicateKeysTakeTheLastEntryAlsoAcrossFeaturesFields() throws IOException {
    byte[] int64 = wire(o -> o.writeByteArray(3, wire(p -> p.writeInt64(1, 1))));
    byte[] bytes = wire(o -> o.writeByteArray(1, wire(p -> p.writeString(1, "x"))));
    byte[] floats = wire(o -> o.writeByteArray(2, wire(p -> p.writeFloat(1, 0.5f))));
    byte[] payload =
        example(
            features(entry("a", int64), entry("b", floats), entry("a", bytes)),
            features(entry("b", int64), entry("c", floats)));
    assertAgrees(payload);
    FeatureView v = new FeatureView();
    ExampleReader reader = new ExampleReader().wrap(MemorySegment.ofArray(payload));
    assertThat(reader.find("a", v)).isTrue();
    assertThat(v.kind()).isEqualTo(FeatureKind.BYTES_LIST);
    assertThat(reader.find("b", v)).isTrue();
    assertThat(v.kind()).isEqualTo(FeatureKind.INT64_LIST);
  }

  @Test
  void valueFieldsOfOneEntryMergeAndAKindSwitchReplaces() throws IOException {
    byte[] x = wire(o -> o.writeByteArray(1, wire(p -> p.writeString(1, "x"))));
    byte[] y = wire(o -> o.writeByteArray(1, wire(p -> p.writeString(1, "y"))));
    byte[] f = wire(o -> o.writeByteArray(2, wire(p -> p.writeFloat(1, 1f))));
    byte[] twoInOne =
        wire(
            o -> {
              o.writeByteArray(1, wire(p -> p.writeString(1, "p")));
              o.writeByteArray(1, wire(p -> p.writeString(1, "q")));
            });
    assertAgrees(example(features(entry("merged", x, y))));
    assertAgrees(example(features(entry("switched", x, f, y))));
    assertAgrees(example(features(entry("switchedToFloat", x, y, f))));
    assertAgrees(example(features(entry("inOne", twoInOne, x))));
  }

  @Test
  void missingKeyMissingValueEmptyListsAndEmptyExamples() throws IOException {
    byte[] noKey = wire(o -> o.writeByteArray(2, wire(p -> p.writeByteArray(3, new byte[0]))));
    byte[] noValue = wire(o -> o.writeString(1, "novalue"));
    byte[] emptyFloat = wire(o -> o.writeByteArray(2, new byte[0]));
    assertAgrees(example(features(noKey, noValue, entry("ef", emptyFloat))));
    assertAgrees(new byte[0]);
    assertAgrees(new byte[] {0x0a, 0x00});
    assertAgrees(example(features(entry("unset", new byte[0]))));
  }

  @Test
  void malformedPayloadsFailHereAndInProtobuf() throws IOException {
    byte[] valid = example(features(entry("a", wire(o -> o.writeByteArray(2, new byte[0])))));
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[] {0x0a}); // truncated length
    bad.add(new byte[] {0x0a, 0x05, 0x00}); // length past the end
    bad.add(new byte[] {(byte) 0x80}); // truncated varint tag
    bad.add(new byte[] {0x00}); // field number 0
    bad.add(new byte[] {0x0f}); // wire type 7
    bad.add(new byte[] {0x0c}); // end-group without a start
    bad.add(new byte[] {0x0b, 0x08, 0x01}); // group never closed
    bad.add(
        new byte[] {
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          (byte) 0x80,
          0x01
        }); // 11-byte varint
    bad.add(java.util.Arrays.copyOf(valid, valid.length - 1));
    for (byte[] payload : bad) {
      assertThatThrownBy(() -> Example.parseFrom(payload))
          .isInstanceOf(InvalidProtocolBufferException.class);
      ExampleReader reader = new ExampleReader().wrap(MemorySegment.ofArray(payload));
      assertThatThrownBy(reader::entryCount).isInstanceOf(InvalidExampleException.class);
    }
    byte[] packedFloat5 =
        example(
            features(
                entry(
                    "f",
                    wire(
                        o ->
                            o.writeByteArray(
                                2,
                                wire(
                                    p -> {
                                      p.writeTag(1, 2);
                                      p.writeUInt32NoTag(5);
                                      p.writeRawBytes(new byte[5]);
                                    }))))));
    assertThatThrownBy(() -> Example.parseFrom(packedFloat5))
        .isInstanceOf(InvalidProtocolBufferException.class);
    ExampleReader reader = new ExampleReader().wrap(MemorySegment.ofArray(packedFloat5));
    assertThatThrownBy(() -> reader.find("f", new FeatureView()))
        .isInstanceOf(InvalidExampleException.class)
        .hasMessageContaining("packed float length=5 (expected: a multiple of 4)");
  }

  static ExampleWriter fromProtobuf(Example pb) {
    ExampleWriter w = new ExampleWriter();
    if (pb.hasFeatures()) {
      w.withFeaturesField();
    }
    for (Map.Entry<String, Feature> e : pb.getFeatures().getFeatureMap().entrySet()) {
      Feature f = e.getValue();
      switch (f.getKindCase()) {
        case BYTES_LIST ->
            w.putBytes(
                e.getKey(),
                f.getBytesList().getValueList().stream().map(ByteString::toByteArray).toList());
        case FLOAT_LIST -> {
          float[] v = new float[f.getFloatList().getValueCount()];
          for (int i = 0; i < v.length; i++) {
            v[i] = f.getFloatList().getValue(i);
          }
          w.putFloats(e.getKey(), v);
        }
        case INT64_LIST ->
            w.putInt64s(
                e.getKey(), f.getInt64List().getValueList().stream().mapToLong(x -> x).toArray());
        case KIND_NOT_SET -> w.putKindNotSet(e.getKey());
      }
    }
    return w;
  }

  @Test
  void randomExamplesRoundTripByteForByte() throws IOException {
    SplittableRandom random = new SplittableRandom(20261126L);
    String[] names = {"a", "image/encoded", "é", "k\"ey", "<tag>", "", "x".repeat(200), "日本"};
    for (int n = 0; n < 300; n++) {
      Example.Builder example = Example.newBuilder();
      ExampleWriter ours = new ExampleWriter();
      int features = random.nextInt(-1, 6);
      if (features >= 0) {
        Features.Builder fb = Features.newBuilder();
        ours.withFeaturesField();
        for (int i = 0; i < features; i++) {
          String name = names[random.nextInt(names.length)];
          int count = random.nextInt(0, 40);
          switch (random.nextInt(4)) {
            case 0 -> {
              BytesList.Builder b = BytesList.newBuilder();
              List<byte[]> values = new ArrayList<>();
              for (int j = 0; j < count; j++) {
                byte[] v = new byte[random.nextInt(0, 300)];
                for (int k = 0; k < v.length; k++) {
                  v[k] = (byte) random.nextInt();
                }
                values.add(v);
                b.addValue(ByteString.copyFrom(v));
              }
              fb.putFeature(name, Feature.newBuilder().setBytesList(b).build());
              ours.putBytes(name, values);
            }
            case 1 -> {
              FloatList.Builder b = FloatList.newBuilder();
              float[] values = new float[count];
              for (int j = 0; j < count; j++) {
                values[j] = Float.intBitsToFloat(random.nextInt());
                b.addValue(values[j]);
              }
              fb.putFeature(name, Feature.newBuilder().setFloatList(b).build());
              ours.putFloats(name, values);
            }
            case 2 -> {
              Int64List.Builder b = Int64List.newBuilder();
              long[] values = new long[count];
              for (int j = 0; j < count; j++) {
                values[j] = random.nextLong() >> random.nextInt(64);
                b.addValue(values[j]);
              }
              fb.putFeature(name, Feature.newBuilder().setInt64List(b).build());
              ours.putInt64s(name, values);
            }
            default -> {
              fb.putFeature(name, Feature.getDefaultInstance());
              ours.putKindNotSet(name);
            }
          }
        }
        example.setFeatures(fb);
      }
      byte[] expected = example.build().toByteArray();
      assertThat(ours.toByteArray()).isEqualTo(expected);
      assertThat(ours.serializedSize()).isEqualTo(expected.length);
      assertAgrees(expected);
    }
  }
}
