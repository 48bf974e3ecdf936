package dev.stoker.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import dev.stoker.tfrecord.example.ExampleJson;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * {@code inspect --format json} prints each record as protobuf's {@code JsonFormat} does without
 * whitespace: ExampleJson's pretty text, compacted, must equal protobuf's own compact printer,
 * escapes and numbers included.
 */
class JsonLinesTest {
  @Test
  void compactExampleEqualsProtobufsCompactPrinter() throws Exception {
    Example example =
        Example.newBuilder()
            .setFeatures(
                Features.newBuilder()
                    .putFeature(
                        "name <html> & 'q' = \"x\" \\ \t\n\u0001 é \u2028 ✓",
                        Feature.newBuilder()
                            .setBytesList(
                                BytesList.newBuilder().addValue(ByteString.copyFromUtf8("a b")))
                            .build())
                    .putFeature(
                        "floats",
                        Feature.newBuilder()
                            .setFloatList(
                                FloatList.newBuilder()
                                    .addValue(1.5f)
                                    .addValue(1e-7f)
                                    .addValue(3.4028235e38f)
                                    .addValue(Float.NaN)
                                    .addValue(-0.0f))
                            .build())
                    .putFeature(
                        "ints",
                        Feature.newBuilder()
                            .setInt64List(
                                Int64List.newBuilder().addValue(Long.MIN_VALUE).addValue(7))
                            .build()))
            .build();
    String pretty = ExampleJson.print(MemorySegment.ofArray(example.toByteArray()));
    assertThat(JsonLines.compact(pretty))
        .isEqualTo(JsonFormat.printer().omittingInsignificantWhitespace().print(example));
  }

  @Test
  void invalidJsonIsRefused() {
    assertThatThrownBy(() -> JsonLines.compact("{\"a\": [1, }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a JSON text");
  }
}
