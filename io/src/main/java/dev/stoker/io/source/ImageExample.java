package dev.stoker.io.source;

import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureKey;
import dev.stoker.tfrecord.example.FeatureKind;
import dev.stoker.tfrecord.example.FeatureView;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;

/**
 * Finds the image and the label in one {@code tf.train.Example} record, reusing its views for every
 * record. Not thread-safe: one per stream.
 */
final class ImageExample {
  /** Why a record is not an image example: the reason for the bad sample, and its cause. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String reason, @Nullable Throwable cause) {
      super(reason, cause);
    }
  }

  private final ExampleReader example = new ExampleReader();
  private final FeatureView image = new FeatureView();
  private final FeatureView label = new FeatureView();
  private final String imageName;
  private final String labelName;
  private final FeatureKey imageKey;
  private final FeatureKey labelKey;

  ImageExample(TfRecordOptions options) {
    this.imageName = options.imageKey();
    this.labelName = options.labelKey();
    this.imageKey = FeatureKey.of(imageName);
    this.labelKey = FeatureKey.of(labelName);
  }

  /**
   * Parses a record; then {@link #image()} and {@link #label()} describe it.
   *
   * @throws Unusable when the record does not parse or a feature is missing or of the wrong kind
   */
  void parse(MemorySegment record) throws Unusable {
    try {
      example.wrap(record);
      if (!example.find(imageKey, image)) {
        throw new Unusable(feature(imageName, "missing", "bytes_list"), null);
      }
      if (image.kind() != FeatureKind.BYTES_LIST || image.count() < 1) {
        throw new Unusable(
            feature(
                imageName,
                image.kind() + " with " + image.count() + " values",
                "bytes_list with a value"),
            null);
      }
      if (!example.find(labelKey, label)) {
        throw new Unusable(feature(labelName, "missing", "int64_list"), null);
      }
      if (label.kind() != FeatureKind.INT64_LIST || label.count() < 1) {
        throw new Unusable(
            feature(
                labelName,
                label.kind() + " with " + label.count() + " values",
                "int64_list with a value"),
            null);
      }
    } catch (IOException e) {
      throw new Unusable("not a valid tf.train.Example: " + e.getMessage(), e);
    }
  }

  /** Returns the parsed record's first image value, a view into the record. */
  MemorySegment image() {
    return image.bytes(0);
  }

  /** Returns the parsed record's first label value. */
  long label() {
    return label.int64(0);
  }

  private static String feature(String key, String found, String expected) {
    return "feature '" + key + "' is " + found + " (expected: " + expected + ")";
  }
}
