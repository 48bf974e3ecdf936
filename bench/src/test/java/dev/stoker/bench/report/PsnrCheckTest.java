package dev.stoker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PsnrCheckTest {
  /**
   * TensorFlow's reference and Stoker's own triangle filter are independent implementations of the
   * same antialiased resize: they agree to float rounding, and both are far from a plain bilinear
   * resize of the same image, so the reference measures what it should.
   */
  @Test
  void tensorFlowsAntialiasedReferenceAgreesWithStokersTriangleFilter() throws Exception {
    int w = 300;
    int h = 200;
    SplittableRandom rnd = new SplittableRandom(7);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = ((x / 3 + y / 2) % 2) * 160 + rnd.nextInt(60);
        image.setRGB(x, y, (v << 16) | ((x * 255 / w) << 8) | (y * 255 / h));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpeg", out)).isTrue();
    byte[] jpeg = out.toByteArray();
    int size = 64;
    float[] reference = PsnrCheck.tensorFlowReference(jpeg, w, h, size);
    BatchLayout layout = new BatchLayout(1, size, size, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    try (Arena arena = Arena.ofConfined();
        ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults())) {
      MemorySegment encoded = arena.allocate(jpeg.length);
      MemorySegment.copy(jpeg, 0, encoded, ValueLayout.JAVA_BYTE, 0, jpeg.length);
      ImageInfo info = decoder.probe(encoded);
      MemorySegment pixels = arena.allocate(info.pixels() * 3);
      PixelBuffer full = decoder.decode(encoded, info, DctScale.FULL, 3, pixels, w * 3L);
      MemorySegment slab = arena.allocate(layout.byteSize());
      Resizer resizer = new Resizer();
      resizer.resize(
          full,
          ResizeSpec.builder().filter(ResizeFilter.TRIANGLE).normalize(1f / 255, 0f).build(),
          SampleTarget.of(slab, layout, 0));
      float[] triangle = slab.toArray(ValueLayout.JAVA_FLOAT);
      resizer.resize(
          full,
          ResizeSpec.builder().normalize(1f / 255, 0f).build(),
          SampleTarget.of(slab, layout, 0));
      float[] bilinear = slab.toArray(ValueLayout.JAVA_FLOAT);
      assertThat(PsnrCheck.psnr(triangle, reference)).isGreaterThan(60);
      assertThat(PsnrCheck.psnr(bilinear, reference)).isLessThan(30);
    }
  }
}
