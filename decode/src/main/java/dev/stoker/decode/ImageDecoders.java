package dev.stoker.decode;

import dev.stoker.core.memory.MemoryBudget;
import java.util.Optional;

/**
 * Picks the best decoder available in this JVM.
 *
 * <p>For JPEG that is {@link TurboJpegDecoder} when libturbojpeg can be loaded, else {@link
 * ImageIoDecoder}; CMYK and YCCK JPEGs, PNG, GIF and BMP always go to {@link ImageIoDecoder}.
 * {@link #create(DecodeOptions)} returns one decoder that routes every image by its format and
 * header, so a worker thread needs only that:
 *
 * <pre>{@code
 * try (ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults())) {  // per thread
 *   ImageInfo info = decoder.probe(encoded);
 *   ...
 * }
 * if (!ImageDecoders.turboJpegAvailable()) {
 *   log.info("slow JPEG path: " + ImageDecoders.turboJpegUnavailableReason().orElseThrow());
 * }
 * }</pre>
 *
 * <p>When libturbojpeg is missing, that is logged once per JVM (at INFO) and reported by {@link
 * #turboJpegUnavailableReason()}; decoding falls back without failing. The system property {@code
 * -Dstoker.turbojpeg=off} makes a JVM behave as if the library were missing, to run the fallback on
 * a machine that has it; a value other than {@code auto} or {@code off} makes these methods throw
 * {@link IllegalArgumentException}.
 */
public final class ImageDecoders {
  private ImageDecoders() {}

  /**
   * Creates a decoder for every supported format, routing each image to the best decoder for it.
   * The decoders behind it are created on first need.
   *
   * @param options the pixel limit and strictness, passed to every decoder
   * @return a decoder for one thread at a time, closed by its owner (which closes those behind it)
   */
  public static ImageDecoder create(DecodeOptions options) {
    return turboJpegAvailable()
        ? RoutingDecoder.jpegFirst(options, "turbojpeg", () -> TurboJpegDecoder.create(options))
        : RoutingDecoder.imageIoOnly(options);
  }

  /**
   * Creates a decoder for every supported format, as {@link #create(DecodeOptions)} does, whose
   * native buffers are drawn from the caller's budget: a pipeline passes each worker's scratch
   * budget, so the decoder's memory is counted, limited and checked for leaks with the rest.
   *
   * @param options the pixel limit and strictness, passed to every decoder
   * @param budget where the decoders' native buffers come from; it must outlive the decoder
   * @return a decoder for one thread at a time, closed by its owner (which closes those behind it)
   */
  public static ImageDecoder create(DecodeOptions options, MemoryBudget budget) {
    return turboJpegAvailable()
        ? RoutingDecoder.jpegFirst(
            options, "turbojpeg", () -> TurboJpegDecoder.create(options, budget))
        : RoutingDecoder.imageIoOnly(options);
  }

  /**
   * Creates the best decoder for JPEG alone.
   *
   * @param options the pixel limit and strictness
   * @return a {@link TurboJpegDecoder} when available, else an {@link ImageIoDecoder}
   */
  public static ImageDecoder createForJpeg(DecodeOptions options) {
    return turboJpegAvailable() ? TurboJpegDecoder.create(options) : new ImageIoDecoder(options);
  }

  /**
   * Tells whether JPEGs decode through libjpeg-turbo in this JVM.
   *
   * @return true when libturbojpeg was loaded
   */
  public static boolean turboJpegAvailable() {
    return TurboJpegDecoder.isAvailable();
  }

  /**
   * Returns why libjpeg-turbo is not used.
   *
   * @return the reason, or empty when it is available
   */
  public static Optional<String> turboJpegUnavailableReason() {
    return TurboJpegDecoder.unavailableReason();
  }
}
