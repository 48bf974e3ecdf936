package dev.stoker.augment;

/**
 * How an affine warp ({@link RandomRotation}, {@link RandomShift}, {@link RandomShear}, {@link
 * RandomZoom}) fills pixels whose source lies outside the image, named as Keras' {@code
 * ImageDataGenerator} names them. For a row {@code abcd}:
 *
 * <pre>
 *   CONSTANT  kkkkkkkk|abcd|kkkkkkkk   (k = the fill value)
 *   NEAREST   aaaaaaaa|abcd|dddddddd
 *   REFLECT   abcddcba|abcd|dcbaabcd
 *   WRAP      abcdabcd|abcd|abcdabcd
 * </pre>
 *
 * The warp interpolates bilinearly; each of the four source taps that falls outside the image takes
 * its value by this rule.
 */
public enum FillMode {
  /** A constant value for every channel. */
  CONSTANT,
  /** The nearest edge pixel. */
  NEAREST,
  /** The image mirrored about its edge, the edge pixel repeated. */
  REFLECT,
  /** The image repeated. */
  WRAP
}
