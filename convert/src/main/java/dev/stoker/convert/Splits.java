package dev.stoker.convert;

import dev.stoker.io.source.Subset;

/** The output splits' names, as TensorFlow's ImageNet conversion script names its shards. */
final class Splits {
  private Splits() {}

  static String name(Subset subset) {
    return switch (subset) {
      case TRAIN -> "train";
      case VALIDATION -> "validation";
      case TEST -> "test";
    };
  }
}
