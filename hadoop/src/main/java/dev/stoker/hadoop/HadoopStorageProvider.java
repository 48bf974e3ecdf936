package dev.stoker.hadoop;

import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageProvider;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Serves every scheme Hadoop has a {@link FileSystem} for: {@code hdfs}, {@code file}, {@code
 * viewfs}, {@code webhdfs}, and whatever connector is on the class path ({@code s3a} with {@code
 * stoker-s3} or {@code hadoop-aws}, {@code gs}, {@code abfs}). Registered for {@link
 * java.util.ServiceLoader}; users do not call it.
 *
 * <p>All schemes share one {@link HadoopStorage} over a default {@link Configuration}, which reads
 * {@code core-site.xml} from the class path: endpoints and credentials go there (or build a {@link
 * HadoopStorage} yourself and pass it to the source options).
 *
 * <p><b>Threading.</b> Thread-safe; the storage is created once, on first use.
 */
public final class HadoopStorageProvider implements StorageProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public HadoopStorageProvider() {}

  /** The shared storage, created on first use (loading a configuration reads XML). */
  private static final class Shared {
    static final HadoopStorage STORAGE = new HadoopStorage(new Configuration());
  }

  @Override
  public boolean serves(String scheme) {
    try {
      FileSystem.getFileSystemClass(scheme, Shared.STORAGE.configuration());
      return true;
    } catch (IOException unknownScheme) {
      return false;
    }
  }

  @Override
  public Storage storage(String scheme) {
    return Shared.STORAGE;
  }
}
