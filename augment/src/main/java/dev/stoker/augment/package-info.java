/**
 * Seeded, plan-then-execute image augmentation: the vocabulary of Keras' {@code
 * ImageDataGenerator}, {@code tf.image} and torchvision's transforms, executed in one pass of the
 * decode module's resampling kernel wherever the geometry is axis-aligned.
 *
 * <p>Start with {@link dev.stoker.augment.Augmentation}: build one from {@link
 * dev.stoker.augment.Operation operations}, draw a {@link dev.stoker.augment.SamplePlan} per
 * sample, and run it with a per-worker {@link dev.stoker.augment.AugmentExecutor}.
 */
@NullMarked
package dev.stoker.augment;

import org.jspecify.annotations.NullMarked;
