package dev.stoker.bench.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of JPEGs generated from a {@link DatasetRecipe}, for {@code stoker bench} on a machine
 * with no data of its own. It is written once under a cache folder (into a temporary sibling that
 * is then renamed, so a crash never leaves half a data set that looks complete) and reused by every
 * later run with the same recipe.
 *
 * <pre>{@code
 * GeneratedDataset g = GeneratedDataset.prepare(DatasetRecipe.imageNetLike(), cache, err);
 * Path folder = g.folder();           // 00000.jpg, 00001.jpg, ...
 * String line = g.stats().describe(); // measured from the files
 * }</pre>
 *
 * @param recipe the recipe
 * @param folder the folder of JPEGs
 * @param stats the statistics measured from the files
 */
public record GeneratedDataset(DatasetRecipe recipe, Path folder, DatasetStats stats) {

  /**
   * Returns the data set, generating it first when the cache does not hold it.
   *
   * @param recipe what to generate
   * @param cache the cache folder (created when missing)
   * @param log where progress goes
   * @return the data set
   * @throws IOException when a file cannot be written or read
   */
  public static GeneratedDataset prepare(DatasetRecipe recipe, Path cache, PrintStream log)
      throws IOException {
    Path folder = cache.resolve(recipe.folderName());
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(cache);
      long start = System.nanoTime();
      log.printf(
          Locale.ROOT,
          "bench: generating %d %s JPEGs into %s (once; later runs reuse them)%n",
          recipe.images().size(),
          recipe.name(),
          folder);
      Path partial = Files.createTempDirectory(cache, recipe.folderName() + ".partial-");
      try {
        write(recipe, partial);
        move(partial, folder);
      } finally {
        deleteTree(partial);
      }
      log.printf(
          Locale.ROOT,
          "bench: generated %s in %.1f s%n",
          recipe.name(),
          (System.nanoTime() - start) / 1e9);
    }
    List<Path> files = files(folder);
    if (files.size() != recipe.images().size()) {
      throw new IOException(
          folder
              + ": holds "
              + files.size()
              + " JPEGs, the recipe "
              + recipe.images().size()
              + " (delete the folder to regenerate it)");
    }
    return new GeneratedDataset(recipe, folder, DatasetStats.measure(files));
  }

  private static void write(DatasetRecipe recipe, Path dir) throws IOException {
    List<DatasetRecipe.Image> images = recipe.images();
    for (int i = 0; i < images.size(); i++) {
      DatasetRecipe.Image image = images.get(i);
      BufferedImage pixels =
          ProceduralPhoto.draw(
              image.width(),
              image.height(),
              image.gray(),
              recipe.seed() + i,
              recipe.texture(),
              recipe.noise());
      byte[] jpeg = JpegEncoder.encode(pixels, recipe.quality(), image.progressive());
      Files.write(dir.resolve(String.format(Locale.ROOT, "%05d.jpg", i)), jpeg);
    }
  }

  private static void move(Path partial, Path folder) throws IOException {
    try {
      Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // Another run finished the same recipe first; its files are the same bytes.
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, folder);
    } catch (IOException e) {
      if (!Files.isDirectory(folder)) {
        throw e;
      }
      // A non-empty target: another run finished first.
    }
  }

  private static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jpg")).sorted().toList();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> s = Files.walk(dir)) {
      paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
    }
    for (Path p : paths) {
      Files.deleteIfExists(p);
    }
  }
}
