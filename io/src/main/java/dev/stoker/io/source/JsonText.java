package dev.stoker.io.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small JSON reader for the one JSON file a source reads, the {@code manifest.json} that {@code
 * tfrecord-convert} writes: objects (as ordered maps), arrays (as lists), strings, integers (as
 * {@code Long}), other numbers (as {@code Double}) and literals. Nesting is limited to {@value
 * #MAX_DEPTH} levels, so a hostile file cannot exhaust the stack; any malformed text throws {@link
 * IllegalArgumentException} naming the offset. Stateless; each call parses on its own.
 */
final class JsonText {
  static final int MAX_DEPTH = 32;

  private final String s;
  private int i;

  private JsonText(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON document.
   *
   * @throws IllegalArgumentException when the text is not one well-formed document
   */
  static @Nullable Object parse(String text) {
    JsonText j = new JsonText(text);
    try {
      Object v = j.value(0);
      j.space();
      if (j.i != text.length()) {
        throw j.error("trailing text");
      }
      return v;
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("offset " + text.length() + ": the text ends early", e);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("offset " + j.i + ": " + e.getMessage(), e);
    }
  }

  private IllegalArgumentException error(String reason) {
    return new IllegalArgumentException("offset " + i + ": " + reason);
  }

  private void space() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
  }

  private @Nullable Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
    space();
    char c = s.charAt(i);
    if (c == '{') {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      i++;
      space();
      if (s.charAt(i) == '}') {
        i++;
        return m;
      }
      while (true) {
        space();
        String k = string();
        space();
        expect(':');
        m.put(k, value(depth + 1));
        space();
        if (s.charAt(i) != ',') {
          expect('}');
          return m;
        }
        i++;
      }
    }
    if (c == '[') {
      List<@Nullable Object> l = new ArrayList<>();
      i++;
      space();
      if (s.charAt(i) == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value(depth + 1));
        space();
        if (s.charAt(i) != ',') {
          expect(']');
          return l;
        }
        i++;
      }
    }
    if (c == '"') {
      return string();
    }
    for (String literal : new String[] {"true", "false", "null"}) {
      if (s.startsWith(literal, i)) {
        i += literal.length();
        return literal.equals("null") ? null : Boolean.valueOf(literal);
      }
    }
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (start == i) {
      throw error("unexpected '" + c + "'");
    }
    String number = s.substring(start, i);
    return number.contains(".") || number.contains("e") || number.contains("E")
        ? (Object) Double.parseDouble(number)
        : (Object) Long.parseLong(number);
  }

  private void expect(char c) {
    if (s.charAt(i) != c) {
      throw error("'" + s.charAt(i) + "' (expected: '" + c + "')");
    }
    i++;
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> b.append(e);
      }
    }
  }
}
