package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches from a folder of JPEGs reach a TensorFlow session and take training steps. */
class TrainTest {
  @TempDir Path dir;

  private static void jpeg(Path file, int grey) throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(grey, grey, grey));
    g.fillRect(0, 0, 40, 30);
    g.dispose();
    Files.createDirectories(file.getParent());
    if (!ImageIO.write(image, "jpeg", file.toFile())) {
      throw new IOException("no JPEG writer");
    }
  }

  @Test
  void twoBatchesOfFourTrainWithTheLabelsTensorFlowWasFed() throws IOException {
    for (int i = 0; i < 4; i++) {
      jpeg(dir.resolve("a-dark/" + i + ".jpg"), 40 + i);
      jpeg(dir.resolve("b-bright/" + i + ".jpg"), 200 + i);
    }
    List<Float> losses = Train.train(dir, 10);
    assertEquals(2, losses.size(), "8 images in batches of 4");
    // The weight starts at 0, so the first loss is mean(label^2): the share of "b-bright" (label
    // 1) in the first batch, a multiple of 1/4.
    float first = losses.get(0);
    assertTrue(first >= 0 && first <= 1, "first loss " + first);
    assertEquals(0, Math.abs(first * 4 - Math.round(first * 4)), 1e-5, "first loss " + first);
    assertTrue(Float.isFinite(losses.get(1)), "second loss " + losses.get(1));
  }
}
