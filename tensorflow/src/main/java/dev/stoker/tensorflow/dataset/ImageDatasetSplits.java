package dev.stoker.tensorflow.dataset;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The parts of one dataset, what Keras returns for {@code subset="both"}: training and validation,
 * and the test part when the split or the folder layout has one.
 *
 * <p><b>Ownership.</b> The caller owns all parts; {@link #close()} closes each, keeping later
 * failures as suppressed exceptions.
 *
 * @param training the training part
 * @param validation the validation part
 * @param test the test part, or null when the dataset has none (a {@code validationSplit})
 */
public record ImageDatasetSplits(
    ImageDataset training, ImageDataset validation, @Nullable ImageDataset test)
    implements AutoCloseable {
  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (ImageDataset part : new ImageDataset[] {training, validation, test}) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
