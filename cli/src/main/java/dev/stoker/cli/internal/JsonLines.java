package dev.stoker.cli.internal;

/**
 * Removes the insignificant whitespace of a JSON text (outside strings), turning a pretty-printed
 * document into one line: the form {@code JsonFormat.printer().omittingInsignificantWhitespace()}
 * prints. Strings, escapes included, are copied as they are. Thread-safe (stateless).
 */
public final class JsonLines {
  private JsonLines() {}

  /**
   * Compacts a JSON text.
   *
   * @param json a valid JSON text
   * @return the same value on one line, without spaces between tokens
   */
  public static String compact(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        out.append(c);
      } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
