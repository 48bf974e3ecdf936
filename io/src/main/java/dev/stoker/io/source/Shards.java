package dev.stoker.io.source;

import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** Expands a list of shard locations and globs into files. */
final class Shards {
  private Shards() {}

  static List<String> resolve(Storage storage, List<String> patterns) throws IOException {
    return resolve(storage, patterns, true);
  }

  /**
   * Expands the patterns. With {@code check} false a location without wildcards is taken as given,
   * for a caller that asks every file's size next anyway (and so reports a missing one).
   */
  static List<String> resolve(Storage storage, List<String> patterns, boolean check)
      throws IOException {
    List<String> files = new ArrayList<>();
    for (String pattern : patterns) {
      if (hasWildcard(pattern)) {
        List<String> matches = storage.glob(pattern);
        if (matches.isEmpty()) {
          throw new NoSuchFileException(pattern, null, "no files match (expected: at least one)");
        }
        files.addAll(matches);
      } else if (check) {
        storage.size(pattern); // a missing or denied file fails here, naming it
        files.add(pattern);
      } else {
        files.add(pattern);
      }
    }
    return files;
  }

  static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }
}
