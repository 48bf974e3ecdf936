package dev.stoker.tensorflow;

/**
 * How a batch's labels reach the model, as Keras' {@code label_mode}: the tensor {@link
 * TensorBatch#targets()} returns.
 */
public enum LabelMode {
  /**
   * Class indices, {@code TInt64 [n]}: for {@code sparse_categorical_crossentropy}. Keras yields
   * int32; TensorFlow Java's {@code SparseSoftmaxCrossEntropyWithLogits} takes int64 as well.
   */
  INT,
  /** One-hot rows, {@code TFloat32 [n, classes]}: for {@code categorical_crossentropy}. */
  CATEGORICAL,
  /**
   * The label of a two-class dataset as a float, {@code TFloat32 [n, 1]} holding 0 or 1: for {@code
   * binary_crossentropy}. Only for exactly two classes.
   */
  BINARY
}
