package dev.stoker.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.RequiresTurboJpeg;
import dev.stoker.decode.TurboJpegDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.EagerSession;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * {@link DecodeOptions#fastDct()} against TensorFlow's own {@code DecodeJpeg} with its default
 * {@code dct_method}: bit-identical pixels, where the accurate IDCT (Stoker's default) is not.
 */
@RequiresTurboJpeg
class FastDctTest {
  /** A photo-like image: smooth gradients, edges and noise, so the two IDCTs round differently. */
  static byte[] jpeg(int w, int h, boolean gray, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    BufferedImage image =
        new BufferedImage(w, h, gray ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r = clamp((x * 255) / w + rnd.nextInt(-30, 31) + ((x / 7 + y / 5) % 2) * 40);
        int g = clamp((y * 255) / h + rnd.nextInt(-30, 31));
        int b = clamp(((x + y) * 255) / (w + h) + rnd.nextInt(-60, 61));
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.9f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  private static byte[] stoker(byte[] jpeg, boolean fastDct) {
    try (Arena arena = Arena.ofConfined();
        TurboJpegDecoder decoder =
            TurboJpegDecoder.create(DecodeOptions.builder().fastDct(fastDct).build())) {
      MemorySegment encoded = arena.allocate(jpeg.length);
      MemorySegment.copy(jpeg, 0, encoded, ValueLayout.JAVA_BYTE, 0, jpeg.length);
      ImageInfo info = decoder.probe(encoded);
      MemorySegment target = arena.allocate(info.pixels() * 3);
      decoder.decode(encoded, info, DctScale.FULL, 3, target, info.width() * 3L);
      return target.toArray(ValueLayout.JAVA_BYTE);
    }
  }

  /**
   * TensorFlow's {@code tf.io.decode_jpeg(contents, channels=3)}, every other attribute default.
   */
  static byte[] tensorFlowDefault(byte[] jpeg) {
    try (EagerSession session = EagerSession.create();
        TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(jpeg))) {
      Ops tf = Ops.create(session);
      try (TUint8 out =
          DecodeJpeg.create(tf.scope(), tf.constantOf(input), DecodeJpeg.channels(3L)).asTensor()) {
        byte[] pixels = new byte[(int) out.numBytes()];
        out.copyTo(DataBuffers.of(pixels, false, false));
        return pixels;
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1} gray={2}")
  @CsvSource({"320, 240, false", "97, 61, false", "500, 375, false", "64, 48, true"})
  void fastDctIsBitIdenticalToTensorFlowsDefaultDecodeJpeg(int w, int h, boolean gray)
      throws IOException {
    assumeThat(ImageDecoders.turboJpegAvailable()).as("libturbojpeg installed").isTrue();
    byte[] jpeg = jpeg(w, h, gray, 31L * w + h);
    byte[] tf = tensorFlowDefault(jpeg);
    assertThat(stoker(jpeg, true)).as("fastDct=true").isEqualTo(tf);
    assertThat(stoker(jpeg, false))
        .as("fastDct=false (the accurate IDCT) must differ, or this test proves nothing")
        .isNotEqualTo(tf);
  }
}
