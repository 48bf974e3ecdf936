package dev.stoker.augment;

/**
 * One step of an {@link Augmentation}: an immutable description of what to do, validated when it is
 * created. An operation holds options only; the random parameters it needs for one sample are drawn
 * into a {@link SamplePlan} by {@link Augmentation#plan}.
 *
 * <p>The operations fall into four groups, which an augmentation applies in this order whatever
 * order they were added in:
 *
 * <ol>
 *   <li>sizing, applied in the order added: {@link RandomResizedCrop}, {@link CenterCrop}, {@link
 *       Resize}, {@link ResizeShorterSide}, {@link ResizeWithPad} (last);
 *   <li>the affine warp of Keras' {@code ImageDataGenerator}: {@link RandomRotation}, {@link
 *       RandomShift}, {@link RandomShear}, {@link RandomZoom};
 *   <li>index remapping: {@link RandomRotate90}, then {@link HorizontalFlip} and {@link
 *       VerticalFlip};
 *   <li>colour: {@link ColorJitter}, then {@link RandomChannelShift} and {@link RandomBrightness}.
 * </ol>
 */
public sealed interface Operation
    permits RandomResizedCrop,
        CenterCrop,
        Resize,
        ResizeShorterSide,
        ResizeWithPad,
        HorizontalFlip,
        VerticalFlip,
        RandomRotate90,
        RandomRotation,
        RandomShift,
        RandomShear,
        RandomZoom,
        ColorJitter,
        RandomBrightness,
        RandomChannelShift {}
