package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.util.List;

/**
 * A storage that denies reading some files, as a file system does for a file without read
 * permission. Tests run as root, which reads anything whatever its mode, so {@code chmod} cannot
 * produce the failure; this decorator throws what {@link dev.stoker.io.storage.LocalStorage} throws
 * for EACCES.
 */
final class DeniedStorage implements Storage {
  private final Storage inner;
  private final String deniedSuffix;

  DeniedStorage(Storage inner, String deniedSuffix) {
    this.inner = inner;
    this.deniedSuffix = deniedSuffix;
  }

  private void check(String location) throws AccessDeniedException {
    if (location.endsWith(deniedSuffix)) {
      throw new AccessDeniedException(location, null, "permission denied");
    }
  }

  @Override
  public List<StorageEntry> list(String directory) throws IOException {
    check(directory);
    return inner.list(directory);
  }

  @Override
  public List<String> glob(String pattern) throws IOException {
    return inner.glob(pattern);
  }

  @Override
  public long size(String file) throws IOException {
    check(file);
    return inner.size(file);
  }

  @Override
  public ReadableByteChannel openSequential(String file) throws IOException {
    check(file);
    return inner.openSequential(file);
  }

  @Override
  public RandomReader openRandom(String file) throws IOException {
    check(file);
    return inner.openRandom(file);
  }

  @Override
  public String resolve(String directory, String name) {
    return inner.resolve(directory, name);
  }
}
