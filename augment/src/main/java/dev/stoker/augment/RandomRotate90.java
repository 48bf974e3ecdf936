package dev.stoker.augment;

/**
 * Rotates the image counter-clockwise by a uniformly drawn number of quarter turns, 0 to 3, as
 * {@code tf.image.rot90} with a random {@code k}. Rotations are exact index remaps, never
 * interpolated.
 *
 * <p>A quarter turn swaps width and height, so an augmentation with this operation needs a square
 * output; {@link Augmentation.Builder#build()} rejects any other.
 */
public record RandomRotate90() implements Operation {}
