/**
 * Image decoders that write 8-bit pixels straight into {@link java.lang.foreign.MemorySegment}s.
 *
 * <ul>
 *   <li>{@link dev.stoker.decode.ImageDecoder}: the SPI: probe a header, decode at a {@link
 *       dev.stoker.decode.DctScale} into a target at a row stride;
 *   <li>{@link dev.stoker.decode.TurboJpegDecoder}: libjpeg-turbo through {@code
 *       java.lang.foreign}, the fast path for JPEG;
 *   <li>{@link dev.stoker.decode.ImageIoDecoder}: ImageIO with TwelveMonkeys, for CMYK JPEG, PNG,
 *       GIF, BMP, and for JPEG where libjpeg-turbo is missing;
 *   <li>{@link dev.stoker.decode.ImageDecoders}: picks the best available decoder per format;
 *   <li>{@link dev.stoker.decode.DecodeOptions}: the decompression-bomb limit and strictness;
 *   <li>{@link dev.stoker.decode.ImageDecodeException}: the one exception for bad input.
 * </ul>
 *
 * <p>The resampling kernel that follows decoding lives in {@link dev.stoker.decode.resize}.
 */
@NullMarked
package dev.stoker.decode;

import org.jspecify.annotations.NullMarked;
