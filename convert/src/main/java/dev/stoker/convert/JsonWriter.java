package dev.stoker.convert;

import java.util.Locale;

/**
 * Writes a JSON document with two-space indentation, for {@code manifest.json}. Strings are escaped
 * per RFC 8259 (quotes, backslashes, control characters). The caller nests {@code begin} and {@code
 * end} calls correctly. Not thread-safe.
 */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder(4096);
  private int depth;
  private boolean first = true;

  JsonWriter beginObject() {
    return open('{');
  }

  JsonWriter beginObject(String name) {
    return name(name).open('{');
  }

  JsonWriter beginArray(String name) {
    return name(name).open('[');
  }

  JsonWriter beginObjectElement() {
    return element().open('{');
  }

  JsonWriter endObject() {
    return close('}');
  }

  JsonWriter endArray() {
    return close(']');
  }

  JsonWriter field(String name, String value) {
    name(name);
    string(value);
    return this;
  }

  JsonWriter field(String name, long value) {
    name(name);
    out.append(value);
    return this;
  }

  JsonWriter field(String name, double value) {
    name(name);
    out.append(String.format(Locale.ROOT, "%s", value));
    return this;
  }

  JsonWriter field(String name, boolean value) {
    name(name);
    out.append(value);
    return this;
  }

  JsonWriter stringElement(String value) {
    element();
    string(value);
    return this;
  }

  private JsonWriter name(String name) {
    element();
    string(name);
    out.append(": ");
    return this;
  }

  private JsonWriter element() {
    if (depth > 0) {
      out.append(first ? "\n" : ",\n").append("  ".repeat(depth));
    }
    first = false;
    return this;
  }

  private JsonWriter open(char c) {
    out.append(c);
    depth++;
    first = true;
    return this;
  }

  private JsonWriter close(char c) {
    depth--;
    if (!first) {
      out.append('\n').append("  ".repeat(depth));
    }
    out.append(c);
    first = false;
    return this;
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
