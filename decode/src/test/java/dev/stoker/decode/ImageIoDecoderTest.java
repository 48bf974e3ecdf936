package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageIoDecoderTest extends DecoderContractTest {
  @Override
  ImageDecoder create(DecodeOptions options) {
    return new ImageIoDecoder(options);
  }

  /** Lossless formats written by the JDK from pixels set in the test come back exactly. */
  @ParameterizedTest
  @ValueSource(
      strings = {"png-rgb", "png-gray", "png-gray16", "png-indexed", "bmp-rgb", "gif-indexed"})
  void decodesLosslessFormatsExactly(String kind) throws IOException {
    int w = 13;
    int h = 7;
    int[][] rgb = new int[h * w][3];
    BufferedImage image;
    switch (kind) {
      case "png-gray", "png-gray16" -> {
        boolean wide = kind.equals("png-gray16");
        image =
            new BufferedImage(
                w, h, wide ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = image.getRaster();
        for (int i = 0; i < w * h; i++) {
          int v = (i * 37) % 256;
          r.setSample(i % w, i / w, 0, wide ? v * 257 : v);
          rgb[i] = new int[] {v, v, v};
        }
      }
      case "png-indexed", "gif-indexed" -> {
        byte[] reds = new byte[16];
        byte[] greens = new byte[16];
        byte[] blues = new byte[16];
        for (int k = 0; k < 16; k++) {
          reds[k] = (byte) (k * 16);
          greens[k] = (byte) (255 - k * 9);
          blues[k] = (byte) (k * k);
        }
        image =
            new BufferedImage(
                w,
                h,
                BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 16, reds, greens, blues));
        WritableRaster r = image.getRaster();
        for (int i = 0; i < w * h; i++) {
          int k = (i * 5) % 16;
          r.setSample(i % w, i / w, 0, k);
          rgb[i] = new int[] {reds[k] & 0xff, greens[k] & 0xff, blues[k] & 0xff};
        }
      }
      default -> {
        image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster r = image.getRaster();
        for (int i = 0; i < w * h; i++) {
          int[] px = {(i * 11) % 256, (i * 29 + 7) % 256, (i * 3 + 100) % 256};
          r.setPixel(i % w, i / w, px);
          rgb[i] = px;
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, kind.substring(0, kind.indexOf('-')), out)).isTrue();
    MemorySegment encoded = Fixtures.copy(out.toByteArray(), arena);
    ImageInfo info = decoder.probe(encoded);
    assertThat(info.width()).isEqualTo(w);
    assertThat(info.height()).isEqualTo(h);
    MemorySegment target = arena.allocate((long) w * h * 3);
    decoder.decode(encoded, DctScale.FULL, 3, target, w * 3L);
    for (int i = 0; i < w * h; i++) {
      for (int c = 0; c < 3; c++) {
        assertThat(target.get(ValueLayout.JAVA_BYTE, 3L * i + c) & 0xff)
            .as("%s pixel %d channel %d", kind, i, c)
            .isEqualTo(rgb[i][c]);
      }
    }
  }
}
