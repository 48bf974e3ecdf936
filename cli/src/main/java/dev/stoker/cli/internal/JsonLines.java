package dev.stoker.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns a pretty-printed JSON text into one line, the form {@code
 * JsonFormat.printer().omittingInsignificantWhitespace()} prints, by streaming it through Jackson's
 * parser into a generator without a pretty printer. Numbers are copied exactly as written, and
 * strings are escaped again the way protobuf's {@code JsonFormat} (Gson, HTML-safe) escapes them,
 * so a line matches protobuf's own output character for character. Thread-safe (stateless).
 */
public final class JsonLines {
  private static final JsonFactory JSON =
      new JsonFactoryBuilder().characterEscapes(new GsonEscapes()).build();

  private JsonLines() {}

  /**
   * Compacts a JSON text.
   *
   * @param json a valid JSON text
   * @return the same value on one line, without spaces between tokens
   * @throws IllegalArgumentException when {@code json} is not valid JSON
   */
  public static String compact(String json) {
    StringWriter line = new StringWriter(json.length());
    try (JsonParser in = JSON.createParser(json);
        JsonGenerator out = JSON.createGenerator(line)) {
      for (JsonToken t = in.nextToken(); t != null; t = in.nextToken()) {
        if (t.isNumeric()) {
          out.writeNumber(in.getText()); // as written: -0.0 and 3.4028235E38 stay as they are
        } else {
          out.copyCurrentEvent(in);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON text: " + e.getMessage(), e);
    }
    return line.toString();
  }

  /**
   * Gson's HTML-safe escapes: {@code < > & = '} and U+2028, U+2029 as six-character unicode escapes
   * in lower-case hexadecimal; control characters as the short escapes {@code \b \t \n \f \r} where
   * JSON has one, as unicode escapes otherwise.
   */
  private static final class GsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    GsonEscapes() {
      for (int c = 0; c < 0x20; c++) {
        if (c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r') {
          ascii[c] = ESCAPE_CUSTOM;
        }
      }
      for (char c : new char[] {'<', '>', '&', '=', '\''}) {
        ascii[c] = ESCAPE_CUSTOM;
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii.clone();
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
      }
      return null;
    }
  }
}
