package dev.stoker.convert;

import dev.stoker.core.error.ErrorLine;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecodeException;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.ImageFormat;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Turns an image into an Example in the schema of TensorFlow's ImageNet conversion script: {@code
 * image/encoded}, {@code image/format}, {@code image/class/label}, {@code image/class/text}, {@code
 * image/height}, {@code image/width}, {@code image/filename}.
 *
 * <p>Every image is decoded in full (strictly: a decoder warning, such as a truncated scan, is an
 * error) so an unreadable image is found here, not in training; its bytes are kept unless {@code
 * --max-side} re-encodes it or {@code --baseline} rewrites a progressive JPEG. Pixels go to a
 * confined arena opened and closed per image, sized from the probed header once its pixel count is
 * checked against the decoder's limit (a forged header is refused before anything is allocated).
 *
 * <p>Thread-safe: each call borrows one of {@code workers} decoders from a pool. {@link #close()}
 * closes the decoders, after every call has returned.
 */
final class RecordEncoder implements AutoCloseable {
  private final BlockingQueue<ImageDecoder> decoders;
  private final List<ImageDecoder> all;
  private final List<String> labelNames;
  private final int maxSide;
  private final int quality;
  private final @Nullable JpegTransformer transformer;

  RecordEncoder(
      int workers,
      List<String> labelNames,
      int maxSide,
      int quality,
      @Nullable JpegTransformer transformer) {
    DecodeOptions options = DecodeOptions.builder().strict(true).build();
    this.decoders = new ArrayBlockingQueue<>(workers);
    List<ImageDecoder> created = new java.util.ArrayList<>();
    for (int i = 0; i < workers; i++) {
      ImageDecoder d = ImageDecoders.create(options);
      created.add(d);
      decoders.add(d);
    }
    this.all = List.copyOf(created);
    this.labelNames = List.copyOf(labelNames);
    this.maxSide = maxSide;
    this.quality = quality;
    this.transformer = transformer;
  }

  EncodedSample encode(InputSample in) throws InterruptedException {
    if (in.example()) {
      return new EncodedSample(in, in.bytes(), null, false);
    }
    ImageDecoder decoder = decoders.take();
    try {
      return encode(in, decoder);
    } catch (ImageDecodeException e) {
      return new EncodedSample(in, null, e.getMessage(), false); // the message names the reason
    } catch (IOException | RuntimeException e) {
      return new EncodedSample(in, null, ErrorLine.of(e), false);
    } finally {
      decoders.add(decoder);
    }
  }

  private EncodedSample encode(InputSample in, ImageDecoder decoder) throws IOException {
    byte[] image = in.bytes();
    MemorySegment encoded = MemorySegment.ofArray(image);
    ImageInfo info = decoder.probe(encoded);
    if (info.format() == ImageFormat.UNKNOWN) {
      return new EncodedSample(in, null, "unsupported: not a JPEG, PNG, GIF or BMP file", false);
    }
    int width = info.width();
    int height = info.height();
    boolean rewritten = false;
    String format = info.format() == ImageFormat.JPEG ? "JPEG" : info.format().name();
    // The decoder's probe has already refused a header over maxPixels, before any pixel buffer.
    try (Arena arena = Arena.ofConfined()) {
      long stride = (long) width * 3;
      MemorySegment pixels = arena.allocate(stride * height);
      PixelBuffer decoded = decoder.decode(encoded, DctScale.FULL, 3, pixels, stride);
      if (maxSide > 0 && Math.max(width, height) > maxSide) {
        JpegReencoder.Result smaller = JpegReencoder.reencode(decoded, maxSide, quality);
        image = smaller.jpeg();
        width = smaller.width();
        height = smaller.height();
        format = "JPEG";
        rewritten = true;
      } else if (transformer != null && info.format() == ImageFormat.JPEG && info.progressive()) {
        image = transformer.toBaseline(image);
        rewritten = true;
      }
    }
    long label = in.label();
    String text =
        label >= 0 && label < labelNames.size()
            ? labelNames.get((int) label)
            : Long.toString(label);
    byte[] record =
        new ExampleWriter()
            .putBytes("image/encoded", image)
            .putBytes("image/format", format.getBytes(StandardCharsets.US_ASCII))
            .putInt64s("image/class/label", label)
            .putBytes("image/class/text", text.getBytes(StandardCharsets.UTF_8))
            .putInt64s("image/height", height)
            .putInt64s("image/width", width)
            .putBytes("image/filename", in.filename().getBytes(StandardCharsets.UTF_8))
            .toByteArray();
    return new EncodedSample(in, record, null, rewritten);
  }

  @Override
  public void close() {
    for (ImageDecoder d : all) {
      d.close();
    }
  }
}
