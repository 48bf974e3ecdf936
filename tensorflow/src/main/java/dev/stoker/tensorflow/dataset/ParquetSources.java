package dev.stoker.tensorflow.dataset;

import dev.stoker.io.Source;
import dev.stoker.io.source.ParquetOptions;
import dev.stoker.io.source.ParquetSource;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Opens the Parquet source of {@link ImageDataset#fromParquet}. {@code stoker-parquet} (and with it
 * Hadoop) is an optional dependency of this module: only this class names it, so a user who never
 * reads Parquet does not need it on the class path, and one who does adds {@code stoker-parquet} to
 * their build. Thread-safe (stateless).
 */
final class ParquetSources {
  private ParquetSources() {}

  static Source open(List<String> locations, int maxImageBytes, @Nullable List<String> classNames)
      throws IOException {
    ParquetOptions.Builder b = ParquetOptions.builder(locations).maxSampleBytes(maxImageBytes);
    if (classNames != null) {
      b.labelNames(classNames);
    }
    return ParquetSource.open(b.build());
  }
}
