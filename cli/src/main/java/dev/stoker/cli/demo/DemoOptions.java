package dev.stoker.cli.demo;

import dev.stoker.core.Checks;
import java.nio.file.Path;

/**
 * What {@code stoker demo} runs: where, how much data, how long, and with which seed.
 *
 * @param workDir the folder that receives the images, shards, logs and report
 * @param imagesPerClass images generated per class
 * @param epochs training epochs
 * @param seed the seed of the dataset, the split, the augmentation and the initial weights
 * @param size the images' side in pixels, a multiple of 8
 * @param workers pipeline decode workers, and the threads that draw and convert the dataset
 * @param batchSize samples per batch
 * @param learningRate Adam's step size
 */
record DemoOptions(
    Path workDir,
    int imagesPerClass,
    int epochs,
    long seed,
    int size,
    int workers,
    int batchSize,
    float learningRate) {
  /** The images per class of the full demo. */
  static final int DEFAULT_IMAGES_PER_CLASS = 600;

  /** The epochs of the full demo. */
  static final int DEFAULT_EPOCHS = 20;

  /** The image side of the full demo. */
  static final int DEFAULT_SIZE = 64;

  /** The seed of the full demo. */
  static final long DEFAULT_SEED = 42;

  /** The batch size. */
  static final int DEFAULT_BATCH_SIZE = 32;

  /** Adam's step size. */
  static final float DEFAULT_LEARNING_RATE = 2e-3f;

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when a value is out of range
   */
  DemoOptions {
    Checks.inRange("imagesPerClass", imagesPerClass, 10, 100_000);
    Checks.inRange("epochs", epochs, 1, 1000);
    Checks.require(
        size >= 16 && size <= 256 && size % 8 == 0, "size", size, "a multiple of 8 in 16..256");
    Checks.inRange("workers", workers, 1, 64);
    Checks.inRange("batchSize", batchSize, 1, 4096);
    Checks.require(
        learningRate > 0 && Float.isFinite(learningRate), "learningRate", learningRate, "> 0");
  }
}
