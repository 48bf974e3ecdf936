package dev.stoker.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.decode.ChromaSubsampling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedDatasetTest {
  /** Small images of every kind the recipes use: baseline colour, progressive, gray. */
  private static final DatasetRecipe SMALL =
      new DatasetRecipe(
          "small",
          42,
          90,
          40,
          16,
          List.of(
              new DatasetRecipe.Image(96, 64, false, false),
              new DatasetRecipe.Image(80, 80, true, false),
              new DatasetRecipe.Image(64, 48, false, true)));

  @Test
  void writesTheRecipeOnceAndMeasuresTheFiles(@TempDir Path cache) throws IOException {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    GeneratedDataset first = GeneratedDataset.prepare(SMALL, cache, print(log));
    assertThat(first.folder()).isEqualTo(cache.resolve("small-v1-2a-n3"));
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("generating 3 small JPEGs");
    try (Stream<Path> entries = Files.list(cache)) {
      assertThat(entries).containsExactly(first.folder()); // no partial folder left behind
    }
    BufferedImage gray = ImageIO.read(first.folder().resolve("00002.jpg").toFile());
    assertThat(gray.getRaster().getNumBands()).isEqualTo(1);
    assertThat(gray.getWidth()).isEqualTo(64);

    DatasetStats stats = first.stats();
    assertThat(stats.images()).isEqualTo(3);
    assertThat(stats.subsampling())
        .isEqualTo(Map.of(ChromaSubsampling.S420, 2, ChromaSubsampling.GRAY, 1));
    assertThat(stats.progressive()).isEqualTo(1);
    assertThat(stats.minPixels()).isEqualTo(64 * 48);
    assertThat(stats.maxPixels()).isEqualTo(80 * 80);
    long bytes = 0;
    for (int i = 0; i < 3; i++) {
      bytes += Files.size(first.folder().resolve("0000" + i + ".jpg"));
    }
    assertThat(stats.bitsPerPixel()).isEqualTo(bytes * 8.0 / (96 * 64 + 80 * 80 + 64 * 48));

    ByteArrayOutputStream again = new ByteArrayOutputStream();
    GeneratedDataset second = GeneratedDataset.prepare(SMALL, cache, print(again));
    assertThat(again.size()).as("a cached data set is not generated again").isZero();
    assertThat(second.stats()).isEqualTo(stats);
  }

  @Test
  void theSameRecipeGivesTheSameBytesAndAnotherSeedOthers(@TempDir Path dir) throws IOException {
    PrintStream quiet = print(new ByteArrayOutputStream());
    Path a = GeneratedDataset.prepare(SMALL, dir.resolve("a"), quiet).folder();
    Path b = GeneratedDataset.prepare(SMALL, dir.resolve("b"), quiet).folder();
    DatasetRecipe reseeded = new DatasetRecipe("small", 43, 90, 40, 16, SMALL.images());
    Path c = GeneratedDataset.prepare(reseeded, dir.resolve("c"), quiet).folder();
    for (String name : List.of("00000.jpg", "00001.jpg", "00002.jpg")) {
      byte[] bytes = Files.readAllBytes(a.resolve(name));
      assertThat(Files.readAllBytes(b.resolve(name))).as(name).isEqualTo(bytes);
      assertThat(Files.readAllBytes(c.resolve(name))).as(name).isNotEqualTo(bytes);
    }
  }

  /** The ImageNet-like recipe's stated statistics, measured on its first ten images. */
  @Test
  void imageNetLikeImagesAreAbout500By375AtAbout4BitsPerPixel420(@TempDir Path cache)
      throws IOException {
    DatasetStats stats =
        GeneratedDataset.prepare(
                DatasetRecipe.imageNetLike().first(10), cache, print(new ByteArrayOutputStream()))
            .stats();
    assertThat(stats.images()).isEqualTo(10);
    assertThat(stats.commonSize()).isEqualTo("500×375");
    assertThat(stats.subsampling()).isEqualTo(Map.of(ChromaSubsampling.S420, 10));
    assertThat(stats.progressive()).isZero();
    assertThat(stats.bitsPerPixel()).isBetween(3.0, 5.0);
  }

  @Test
  void thePhotoRecipeHasADozenImagesFrom2To12MegapixelsWithOneProgressiveAndOneGray() {
    List<DatasetRecipe.Image> images = DatasetRecipe.photoLike().images();
    assertThat(images).hasSize(12);
    assertThat(images.stream().mapToLong(i -> (long) i.width() * i.height()).min().orElseThrow())
        .isBetween(1_900_000L, 2_100_000L);
    assertThat(images.stream().mapToLong(i -> (long) i.width() * i.height()).max().orElseThrow())
        .isEqualTo(12_000_000L);
    assertThat(images.stream().filter(DatasetRecipe.Image::progressive)).hasSize(1);
    assertThat(images.stream().filter(DatasetRecipe.Image::gray)).hasSize(1);
    assertThat(DatasetRecipe.imageNetLike().images()).hasSize(300);
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
