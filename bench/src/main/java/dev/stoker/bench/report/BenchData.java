package dev.stoker.bench.report;

import dev.stoker.bench.data.DatasetRecipe;
import dev.stoker.bench.data.GeneratedDataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The data of the two jobs: what the user named with {@code --source} and {@code --photos}, or, for
 * each one left out, a data set generated into {@code OUT/generated-data} and cached there.
 *
 * @param source job G's data: a TFRecord shard or a folder of JPEGs
 * @param photos job P's data, likewise
 * @param generatedSource the data set generated for job G, or null when the user named one
 * @param generatedPhotos the data set generated for job P, or null when the user named one
 */
record BenchData(
    String source,
    String photos,
    @Nullable GeneratedDataset generatedSource,
    @Nullable GeneratedDataset generatedPhotos) {

  /** The folder under the output folder that caches generated data sets. */
  static final String CACHE = "generated-data";

  /**
   * Resolves the settings' sources, generating the missing ones.
   *
   * @param s the settings
   * @param log where progress goes
   * @return the data
   * @throws IOException when generated data cannot be written
   */
  static BenchData resolve(BenchSettings s, PrintStream log) throws IOException {
    // A source the user named must exist before minutes go into generating the other one.
    for (String given : new String[] {s.source(), s.photos()}) {
      if (given != null && !Files.exists(Path.of(given))) {
        throw new NoSuchFileException(given);
      }
    }
    Path cache = s.out().resolve(CACHE);
    GeneratedDataset g =
        s.source() == null
            ? GeneratedDataset.prepare(DatasetRecipe.imageNetLike().first(s.limit()), cache, log)
            : null;
    GeneratedDataset p =
        s.photos() == null
            ? GeneratedDataset.prepare(DatasetRecipe.photoLike().first(s.limit()), cache, log)
            : null;
    return new BenchData(
        g != null ? g.folder().toString() : requireNonNull(s.source()),
        p != null ? p.folder().toString() : requireNonNull(s.photos()),
        g,
        p);
  }

  private static String requireNonNull(@Nullable String s) {
    if (s == null) {
      throw new IllegalStateException("a source is neither given nor generated");
    }
    return s;
  }

  /**
   * Tells whether either job ran on generated data.
   *
   * @return true when at least one data set was generated
   */
  boolean anyGenerated() {
    return generatedSource != null || generatedPhotos != null;
  }
}
