package dev.stoker.tensorflow;

import dev.stoker.augment.Augmentation;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageDecoders;
import dev.stoker.decode.RoutingDecoder;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.SampleProcessor;

/**
 * Picks the best decoder when TensorFlow is on the class path: libjpeg-turbo when the system has
 * libturbojpeg ({@link ImageDecoders#create}), else TensorFlow's {@code DecodeJpeg} op ({@link
 * TfDecodeJpegDecoder}) for one- and three-component JPEGs, which is about three times faster than
 * ImageIO; ImageIO for the rest (CMYK and YCCK JPEGs, PNG, GIF, BMP).
 *
 * <pre>{@code
 * PipelineOptions.builder()
 *     ...
 *     .processor(TensorDecoders.processorFactory(augmentation, DecodeOptions.defaults()))
 * }</pre>
 */
public final class TensorDecoders {
  private TensorDecoders() {}

  /**
   * Creates a decoder for every supported format, routing each image to the best decoder for it.
   *
   * @param options the pixel limit and strictness, passed to every decoder
   * @return a decoder for one thread at a time, closed by its owner
   */
  public static ImageDecoder create(DecodeOptions options) {
    return create(options, ImageDecoders.turboJpegAvailable());
  }

  /**
   * Creates a decoder as {@link #create(DecodeOptions)} does, whose native buffers
   * (libjpeg-turbo's) are drawn from the caller's budget.
   *
   * @param options the pixel limit and strictness, passed to every decoder
   * @param budget where the decoders' native buffers come from; it must outlive the decoder
   * @return a decoder for one thread at a time, closed by its owner
   */
  public static ImageDecoder create(DecodeOptions options, MemoryBudget budget) {
    return ImageDecoders.turboJpegAvailable()
        ? ImageDecoders.create(options, budget)
        : create(options, false);
  }

  static ImageDecoder create(DecodeOptions options, boolean turboJpegAvailable) {
    return turboJpegAvailable
        ? ImageDecoders.create(options)
        : RoutingDecoder.jpegFirst(
            options, "tensorflow-decodejpeg", () -> TfDecodeJpegDecoder.create(options));
  }

  /**
   * Returns a pipeline processor factory that decodes with {@link #create(DecodeOptions)}'s choice,
   * one decoder per worker, and applies an augmentation.
   *
   * @param augmentation what to do to each image; its output size must be the pipeline's
   * @param options the decoders' limits and strictness
   * @return the factory
   */
  public static SampleProcessor.Factory processorFactory(
      Augmentation augmentation, DecodeOptions options) {
    return ImageSampleProcessor.budgetedFactory(augmentation, budget -> create(options, budget));
  }
}
