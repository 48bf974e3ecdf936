package dev.stoker.tfrecord.example;

/** Which list a {@code tf.train.Feature} holds: the {@code kind} oneof of {@code feature.proto}. */
public enum FeatureKind {
  /** {@code bytes_list}: byte strings, read as slices of the payload. */
  BYTES_LIST,
  /** {@code float_list}: IEEE-754 float32 values. */
  FLOAT_LIST,
  /** {@code int64_list}: signed 64-bit integers. */
  INT64_LIST,
  /** No kind set: the Feature message is empty (or holds only unknown fields). */
  KIND_NOT_SET
}
