package dev.stoker.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo dataset: deterministic, balanced, decodable, and the same on any thread count. */
class ShapeDatasetTest {
  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    ShapeDataset a = new ShapeDataset(32, 7);
    ShapeDataset b = new ShapeDataset(32, 7);
    ShapeDataset c = new ShapeDataset(32, 8);
    for (ShapeKind kind : ShapeKind.values()) {
      for (int i = 0; i < 3; i++) {
        assertThat(a.jpeg(kind, i)).isEqualTo(b.jpeg(kind, i));
        assertThat(a.jpeg(kind, i)).isNotEqualTo(c.jpeg(kind, i));
      }
    }
    assertThat(a.jpeg(ShapeKind.STAR, 0)).isNotEqualTo(a.jpeg(ShapeKind.STAR, 1));
  }

  @Test
  void writesABalancedFolderPerClassWhateverTheThreadCount(@TempDir Path dir) throws Exception {
    ShapeDataset dataset = new ShapeDataset(24, 3);
    long one = dataset.write(dir.resolve("one"), 11, 1);
    long three = dataset.write(dir.resolve("three"), 11, 3);
    assertThat(one).isEqualTo(11L * ShapeKind.values().length);
    assertThat(three).isEqualTo(one);
    for (ShapeKind kind : ShapeKind.values()) {
      Path folder = dir.resolve("one").resolve(kind.folder());
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files.count()).as("images of %s", kind).isEqualTo(11);
      }
      for (int i = 0; i < 11; i++) {
        String name =
            String.format("%s-%05d.jpg", kind.name().toLowerCase(java.util.Locale.ROOT), i);
        byte[] bytes = Files.readAllBytes(folder.resolve(name));
        assertThat(Files.readAllBytes(dir.resolve("three").resolve(kind.folder()).resolve(name)))
            .isEqualTo(bytes);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image.getWidth()).isEqualTo(24);
        assertThat(image.getHeight()).isEqualTo(24);
      }
    }
  }

  @Test
  void classesAreSixDistinctFolders() {
    assertThat(Stream.of(ShapeKind.values()).map(ShapeKind::folder).distinct())
        .containsExactly("circle", "square", "triangle", "star", "cross", "ring");
  }
}
