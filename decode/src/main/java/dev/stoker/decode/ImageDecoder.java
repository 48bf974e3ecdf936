package dev.stoker.decode;

import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Set;

/**
 * Turns encoded image bytes into 8-bit pixels written straight into a caller's memory.
 *
 * <p>The usual sequence for one sample, on a worker thread that owns its decoder:
 *
 * <pre>{@code
 * ImageInfo info = decoder.probe(encoded);                       // header only
 * DctScale scale = DctScale.choose(info.width(), info.height(), crop, 224, 224,
 *     decoder.scales(info));                                     // cheapest covering scale
 * PixelBuffer pixels = decoder.decode(encoded, info, scale, 3, scratch, rowStride);
 * resizer.resize(pixels, spec.toBuilder().window(scale.scaleWindow(info.width(), info.height(),
 *     crop)).build(), target);
 * }</pre>
 *
 * <p>Output is interleaved HWC: RGB ({@code channels == 3}, gray images expanded to three equal
 * channels) or luminance ({@code channels == 1}). Bad input raises {@link ImageDecodeException},
 * and only that; the header's {@code width × height} is checked against {@link
 * DecodeOptions#maxPixels()} before anything is allocated or decoded.
 *
 * <p><b>Ownership and threading.</b> A decoder holds per-thread state (a native handle, reusable
 * scratch buffers) and is not thread-safe: create one per worker thread, use it from one thread at
 * a time, and close it when the thread is done. After {@link #close()}, which is idempotent, {@link
 * #probe} and {@link #decode} throw {@link IllegalStateException}.
 */
public interface ImageDecoder extends AutoCloseable {

  /**
   * Returns a short name for reports and logs.
   *
   * @return the decoder's name
   */
  String name();

  /**
   * Tells whether this decoder can decode the image a header describes.
   *
   * @param info the probed header
   * @return true when {@link #decode} is expected to succeed on well-formed data
   */
  boolean canDecode(ImageInfo info);

  /**
   * Returns the DCT scales this decoder offers for an image; always contains {@link DctScale#FULL}.
   *
   * @param info the probed header
   * @return the offered scales
   */
  Set<DctScale> scales(ImageInfo info);

  /**
   * Reads an image's header.
   *
   * @param encoded the encoded image; only its first bytes up to the frame header are read
   * @return what the header says
   * @throws ImageDecodeException when the data is not a supported image or its header is corrupt
   */
  ImageInfo probe(MemorySegment encoded);

  /**
   * Decodes an image into {@code target}, row {@code y} starting at byte {@code y × rowStride}.
   *
   * @param encoded the encoded image; a native segment is read in place, a heap one is copied
   * @param scale the DCT scale, one of {@link #scales(ImageInfo)}
   * @param channels 3 for RGB, 1 for luminance
   * @param target where the pixels go: at least {@code (h - 1) × rowStride + w × channels} bytes
   *     for the scaled size {@code w × h}
   * @param rowStride the distance between rows in {@code target}, at least {@code w × channels}
   * @return a view of the decoded pixels in {@code target}, with the scaled size
   * @throws ImageDecodeException when the data is not a supported image, is corrupt or truncated
   *     (or, under {@link DecodeOptions#strict()}, drew a warning), or exceeds the pixel limit
   * @throws IllegalArgumentException when {@code target} or {@code rowStride} is too small, or the
   *     scale is not offered
   */
  PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride);

  /**
   * Decodes an image whose header the caller has already read with {@link #probe}, so that the
   * decoder need not read it again. Same contract as {@link #decode(MemorySegment, DctScale, int,
   * MemorySegment, long)}; the default implementation ignores {@code info}.
   *
   * @param encoded the encoded image
   * @param info what {@link #probe} returned for these same bytes
   * @param scale the DCT scale, one of {@link #scales(ImageInfo)}
   * @param channels 3 for RGB, 1 for luminance
   * @param target where the pixels go
   * @param rowStride the distance between rows in {@code target}
   * @return a view of the decoded pixels in {@code target}, with the scaled size
   * @throws ImageDecodeException as for the other {@code decode}
   * @throws IllegalArgumentException as for the other {@code decode}
   */
  default PixelBuffer decode(
      MemorySegment encoded,
      ImageInfo info,
      DctScale scale,
      int channels,
      MemorySegment target,
      long rowStride) {
    return decode(encoded, scale, channels, target, rowStride);
  }

  /** Releases the decoder's native and scratch resources. Idempotent. */
  @Override
  void close();
}
