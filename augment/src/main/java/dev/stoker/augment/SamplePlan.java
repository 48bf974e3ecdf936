package dev.stoker.augment;

/**
 * Everything an {@link Augmentation} decided for one sample, drawn before any pixel is touched:
 * where the output comes from ({@link GeometryPlan}), how its colours change ({@link ColorPlan})
 * and how values are normalised. An {@link AugmentExecutor} carries it out.
 *
 * <p>The same augmentation, seed, epoch, sample id and source size always give an equal plan,
 * whichever thread asks and whenever.
 *
 * @param geometry the geometric part
 * @param color the colour part
 * @param normalization the per-channel scale and offset before the cast
 */
public record SamplePlan(GeometryPlan geometry, ColorPlan color, Normalization normalization) {

  /**
   * Returns this plan for the same image decoded at a reduced size, as {@link
   * GeometryPlan#atDecodedSize(int, int)} describes.
   *
   * @param decodedWidth the width of the decoded image
   * @param decodedHeight the height of the decoded image
   * @return the plan for the decoded image
   */
  public SamplePlan atDecodedSize(int decodedWidth, int decodedHeight) {
    return new SamplePlan(
        geometry.atDecodedSize(decodedWidth, decodedHeight), color, normalization);
  }
}
