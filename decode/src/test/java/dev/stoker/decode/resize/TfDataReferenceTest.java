package dev.stoker.decode.resize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.decode.SharedData;
import java.awt.image.Raster;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;

/**
 * Reproduces TensorFlow's tf.data output in {@code testdata/tfdata-reference}: decode_jpeg, then
 * bilinear resize to 32×32 (half-pixel centres, no antialiasing), float32.
 *
 * <p>The decode here is the JDK's own baseline JPEG reader read as a raster (libjpeg's accurate
 * integer IDCT and fancy upsampling, as TensorFlow's decoder on these images), so this test checks
 * the resizer alone.
 */
class TfDataReferenceTest {
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  @Test
  void reproducesTheTfDataBilinearReference() throws IOException {
    byte[] reference =
        Files.readAllBytes(SharedData.testdata("tfdata-reference/images-32x32x3-f32le.bin"));
    assertThat(reference).hasSize(40 * 32 * 32 * 3 * 4);
    MemorySegment expected = MemorySegment.ofArray(reference);
    BatchLayout layout = new BatchLayout(40, 32, 32, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    Resizer resizer = new Resizer();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment slab = arena.allocate(layout.byteSize());
      for (int i = 0; i < 40; i++) {
        Path file = SharedData.testdata(String.format("images/img-%02d.jpg", i));
        PixelBuffer decoded = decodeWithJdk(file, arena);
        resizer.resize(decoded, ResizeSpec.bilinear(), SampleTarget.of(slab, layout, i));
      }
      float maxDiff = 0;
      long mismatches = 0;
      for (long at = 0; at < layout.byteSize(); at += 4) {
        float d = Math.abs(slab.get(F32, at) - expected.get(F32, at));
        maxDiff = Math.max(maxDiff, d);
        if (slab.get(ValueLayout.JAVA_INT_UNALIGNED, at)
            != expected.get(ValueLayout.JAVA_INT_UNALIGNED, at)) {
          mismatches++;
        }
      }
      assertThat(mismatches)
          .as("float32 values differing in any bit; max abs diff %s", maxDiff)
          .isZero();
    }
  }

  static PixelBuffer decodeWithJdk(Path file, Arena arena) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
      ImageReader reader = readers.next();
      while (!reader.getClass().getName().startsWith("com.sun.") && readers.hasNext()) {
        reader = readers.next();
      }
      try {
        reader.setInput(in);
        Raster raster = reader.read(0).getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        int[] px = raster.getPixels(0, 0, w, h, (int[]) null);
        MemorySegment seg = arena.allocate((long) w * h * bands);
        for (int i = 0; i < px.length; i++) {
          seg.set(ValueLayout.JAVA_BYTE, i, (byte) px[i]);
        }
        return PixelBuffer.packed(seg, w, h, bands);
      } finally {
        reader.dispose();
      }
    }
  }
}
