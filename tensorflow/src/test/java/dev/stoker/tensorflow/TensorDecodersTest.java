package dev.stoker.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

class TensorDecodersTest {
  private static final Path SHARED =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));

  @Test
  void withoutLibjpegTurboJpegsGoToTensorFlow() {
    try (ImageDecoder decoder = TensorDecoders.create(DecodeOptions.defaults(), false)) {
      assertThat(decoder.name()).isEqualTo("tensorflow-decodejpeg+imageio");
    }
    try (ImageDecoder decoder = TensorDecoders.create(DecodeOptions.defaults())) {
      assertThat(decoder.name())
          .isEqualTo(
              ImageDecoders.turboJpegAvailable()
                  ? ImageDecoders.create(DecodeOptions.defaults()).name()
                  : "tensorflow-decodejpeg+imageio");
    }
  }

  @Test
  void withoutLibjpegTurboOtherFormatsGoToImageIoAndJpegsOfferEveryDctScale() throws Exception {
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        image.setRGB(x, y, (x * 60) << 16 | (y * 100) << 8 | (x + y) * 20);
      }
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "png", png)).isTrue();
    byte[] jpeg = Files.readAllBytes(SHARED.resolve("images/img-00.jpg"));
    try (ImageDecoder decoder = TensorDecoders.create(DecodeOptions.defaults(), false)) {
      MemorySegment encoded = MemorySegment.ofArray(png.toByteArray());
      var info = decoder.probe(encoded);
      assertThat(decoder.scales(info)).containsExactly(DctScale.FULL);
      byte[] pixels = new byte[4 * 3 * 3];
      decoder.decode(encoded, DctScale.FULL, 3, MemorySegment.ofArray(pixels), 12);
      for (int y = 0; y < 3; y++) {
        for (int x = 0; x < 4; x++) {
          int at = (y * 4 + x) * 3;
          assertThat(new int[] {pixels[at] & 255, pixels[at + 1] & 255, pixels[at + 2] & 255})
              .containsExactly(x * 60, y * 100, (x + y) * 20);
        }
      }
      assertThat(decoder.scales(decoder.probe(MemorySegment.ofArray(jpeg))))
          .containsExactlyInAnyOrder(DctScale.values());
    }
  }

  /**
   * The pipeline decoding with TensorFlow's op (as when libturbojpeg is absent), resizing to 32×32,
   * into tensor slabs: every value equals tf.data's to the bit.
   */
  @Test
  void aPipelineDecodingWithTensorFlowMatchesTfData() throws Exception {
    byte[] reference =
        Files.readAllBytes(SHARED.resolve("tfdata-reference/images-32x32x3-f32le.bin"));
    int side = 32;
    int values = side * side * 3;
    Augmentation resize = Augmentation.builder().add(new Resize(side, side)).build();
    int seen = 0;
    try (TfRecordSource source =
            TfRecordSource.open(
                TfRecordOptions.builder(
                        List.of(SHARED.resolve("tfrecord/images.tfrecord").toString()))
                    .build());
        Pipeline pipeline =
            Pipeline.open(
                PipelineOptions.builder()
                    .name("tensorflow-decode")
                    .source(source)
                    .processor(
                        ImageSampleProcessor.factory(
                            resize, () -> TensorDecoders.create(DecodeOptions.defaults(), false)))
                    .imageSize(side, side)
                    .elementType(ElementType.FLOAT32)
                    .batchSize(8)
                    .workers(2)
                    .seed(7)
                    .allocator(TensorBatchAllocator.create())
                    .build())) {
      ByteBuffer ref = ByteBuffer.wrap(reference).order(ByteOrder.LITTLE_ENDIAN);
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next();
            TensorBatch tensors = TensorBatch.of(batch)) {
          var images = tensors.images(TFloat32.class);
          for (int i = 0; i < batch.size(); i++) {
            int record = (int) batch.sampleId(i);
            for (int k = 0; k < values; k++) {
              int y = k / (side * 3);
              int x = k / 3 % side;
              int c = k % 3;
              float want = ref.getFloat((record * values + k) * 4);
              if (images.getFloat(i, y, x, c) != want) {
                throw new AssertionError(
                    "record "
                        + record
                        + " (y="
                        + y
                        + ", x="
                        + x
                        + ", c="
                        + c
                        + "): "
                        + images.getFloat(i, y, x, c)
                        + " != tf.data "
                        + want);
              }
            }
            seen++;
          }
        }
      }
    }
    assertThat(seen).isEqualTo(40);
  }
}
