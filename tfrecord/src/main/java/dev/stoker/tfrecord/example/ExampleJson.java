package dev.stoker.tfrecord.example;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a serialized {@code tf.train.Example} in the proto3 JSON form, character for character as
 * protobuf-java-util's {@code JsonFormat.printer().print(example)} does: two-space indentation,
 * lower-camel field names ({@code bytesList}), int64 values as strings, float values as Java's
 * {@link Float#toString(float)} with {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}
 * quoted, bytes in padded standard Base64, empty lists left out, strings escaped HTML-safe as Gson
 * does, and map keys in the order protobuf-java keeps them (first occurrence, last value).
 *
 * <p>Hand-written on purpose, not printed with a JSON library: the text must equal {@code
 * JsonFormat}'s byte for byte (its indentation, Gson's HTML-safe escapes, {@link Float#toString}
 * for floats, protobuf's map order), which a general writer such as Jackson does not produce by
 * default, and {@code ExampleProtobufTest} compares the two. The tools' other JSON (the manifest,
 * the compacted lines of {@code stoker inspect}) goes through Jackson.
 *
 * <p>For {@code inspect}-style tools; it allocates freely. Thread-safe (stateless).
 */
public final class ExampleJson {
  private ExampleJson() {}

  /**
   * Prints an Example.
   *
   * @param payload a serialized Example
   * @return its JSON form, without a trailing newline
   * @throws InvalidExampleException when the payload is malformed
   */
  public static String print(MemorySegment payload) throws InvalidExampleException {
    ExampleReader reader = new ExampleReader().wrap(payload);
    StringBuilder out = new StringBuilder(256);
    out.append("{\n");
    if (reader.hasFeatures()) {
      out.append("  \"features\": {\n");
      Map<String, Integer> last = new LinkedHashMap<>();
      for (int i = 0; i < reader.entryCount(); i++) {
        last.put(reader.entryName(i), i);
      }
      if (!last.isEmpty()) {
        out.append("    \"feature\": {\n");
        FeatureView view = new FeatureView();
        int printed = 0;
        for (Map.Entry<String, Integer> e : last.entrySet()) {
          reader.entry(e.getValue(), view);
          out.append("      ");
          quote(e.getKey(), out);
          out.append(": {\n");
          if (view.kind() != FeatureKind.KIND_NOT_SET) {
            printList(view, payload, out);
          }
          out.append("      }").append(++printed < last.size() ? ",\n" : "\n");
        }
        out.append("    }\n");
      }
      out.append("  }\n");
    }
    return out.append('}').toString();
  }

  private static void printList(FeatureView view, MemorySegment payload, StringBuilder out) {
    String name =
        switch (view.kind()) {
          case BYTES_LIST -> "bytesList";
          case FLOAT_LIST -> "floatList";
          case INT64_LIST -> "int64List";
          case KIND_NOT_SET -> throw new AssertionError(view.kind());
        };
    out.append("        \"").append(name).append("\": {\n");
    if (view.count() > 0) {
      out.append("          \"value\": [");
      for (int i = 0; i < view.count(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        switch (view.kind()) {
          case BYTES_LIST -> {
            byte[] bytes =
                payload
                    .asSlice(view.bytesOffset(i), view.bytesLength(i))
                    .toArray(ValueLayout.JAVA_BYTE);
            out.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
          }
          case FLOAT_LIST -> {
            float f = view.float32(i);
            if (Float.isNaN(f)) {
              out.append("\"NaN\"");
            } else if (Float.isInfinite(f)) {
              out.append(f > 0 ? "\"Infinity\"" : "\"-Infinity\"");
            } else {
              out.append(Float.toString(f));
            }
          }
          case INT64_LIST -> out.append('"').append(view.int64(i)).append('"');
          case KIND_NOT_SET -> throw new AssertionError(view.kind());
        }
      }
      out.append("]\n");
    }
    out.append("        }\n");
  }

  /** Quotes a string as Gson does with HTML-safe escaping, which {@code JsonFormat} uses. */
  static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '=', '\'', '\u2028', '\u2029' -> unicode(c, out);
        default -> {
          if (c < 0x20) {
            unicode(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(char c, StringBuilder out) {
    out.append(String.format("\\u%04x", (int) c));
  }
}
