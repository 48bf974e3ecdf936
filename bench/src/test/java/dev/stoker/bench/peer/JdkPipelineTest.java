package dev.stoker.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

class JdkPipelineTest {
  @Test
  void thePeerUsesTheJdksOwnJpegReaderEvenWithTwelveMonkeysOnTheClasspath() {
    ImageReader reader = JdkPipeline.jdkJpegReader();
    try {
      assertThat(reader.getOriginatingProvider().getClass().getName())
          .isEqualTo("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi");
    } finally {
      reader.dispose();
    }
  }

  @Test
  void aBatchIsDecodedResizedAndScaledWithTheDiskCacheOff() throws Exception {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        image.setRGB(x, y, 0xff8040);
      }
    }
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpeg", jpeg)).isTrue();
    try (JdkPipeline pipeline = new JdkPipeline(List.of(jpeg.toByteArray()), 8, 2, 1, 1)) {
      float[] batch = pipeline.next();
      assertThat(ImageIO.getUseCache()).isFalse();
      assertThat(batch).hasSize(2 * 8 * 8 * 3);
      // A flat orange image stays orange through JPEG and resizing, within JPEG's error.
      assertThat(batch[0]).isCloseTo(1f, offset(0.03f));
      assertThat(batch[1]).isCloseTo(0x80 / 255f, offset(0.03f));
      assertThat(batch[2]).isCloseTo(0x40 / 255f, offset(0.03f));
    }
  }
}
