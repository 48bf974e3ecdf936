package dev.stoker.io.storage;

/** Glob helpers shared by the storage implementations. */
final class Globs {
  private Globs() {}

  static boolean hasWildcard(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }
}
