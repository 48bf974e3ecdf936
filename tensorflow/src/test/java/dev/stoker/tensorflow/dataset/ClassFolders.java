package dev.stoker.tensorflow.dataset;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Writes a class-folder dataset of small JPEGs, each class one flat colour. */
final class ClassFolders {
  private ClassFolders() {}

  /** Writes {@code perClass} images of each class under {@code root/<class>/}. */
  static void write(Path root, int perClass, String[] classes, Color[] colors) throws Exception {
    for (int c = 0; c < classes.length; c++) {
      Path dir = Files.createDirectories(root.resolve(classes[c]));
      for (int i = 0; i < perClass; i++) {
        // Sizes vary so that resizing and aspect handling matter.
        BufferedImage image = new BufferedImage(24 + i % 7, 18 + i % 5, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colors[c]);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
        ImageIO.write(
            image,
            "jpg",
            dir.resolve(String.format(Locale.ROOT, "%s-%03d.jpg", classes[c], i)).toFile());
      }
    }
  }
}
