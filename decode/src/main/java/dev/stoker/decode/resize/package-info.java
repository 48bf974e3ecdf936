/**
 * The resampling kernel: one pass from a decoded 8-bit image to one output sample of a batch.
 *
 * <ul>
 *   <li>{@link dev.stoker.decode.resize.PixelBuffer}: the decoded source, RGB or gray, HWC;
 *   <li>{@link dev.stoker.decode.resize.SampleTarget}: where the output goes, at arbitrary byte
 *       strides (a sample of an NHWC or NCHW slab, uint8 or float32);
 *   <li>{@link dev.stoker.decode.resize.ResizeSpec}: what happens on the way: the {@link
 *       dev.stoker.decode.resize.SourceWindow crop window}, the {@link
 *       dev.stoker.decode.resize.ResizeFilter filter}, flips, a {@link
 *       dev.stoker.decode.resize.ColorTransform colour transform} and a per-channel normalisation;
 *   <li>{@link dev.stoker.decode.resize.Resizer}: the kernel, one per worker thread.
 * </ul>
 *
 * <p>{@link dev.stoker.decode.resize.ResizeFilter#BILINEAR} over a whole image reproduces {@code
 * tf.image.resize} (bilinear, half-pixel centres, no antialiasing) to the float32 bit.
 */
@NullMarked
package dev.stoker.decode.resize;

import org.jspecify.annotations.NullMarked;
