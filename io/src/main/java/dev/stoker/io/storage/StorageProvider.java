package dev.stoker.io.storage;

/**
 * A storage module's entry point: serves the locations whose URI scheme it knows ({@code hdfs},
 * {@code s3a}, ...). {@link Storages#forLocation} finds providers through {@link
 * java.util.ServiceLoader}; a module registers one in {@code
 * META-INF/services/dev.stoker.io.storage.StorageProvider}, so putting its jar on the class path is
 * all a user does.
 *
 * <p>This keeps heavy clients (Hadoop, cloud SDKs) out of {@code stoker-io}: local folders,
 * TFRecord and the pipeline never load them.
 *
 * <p><b>Threading.</b> Implementations are thread-safe; the storages they return are shared.
 */
public interface StorageProvider {
  /**
   * Says whether this provider serves a scheme.
   *
   * @param scheme the location's scheme, lower case, without {@code ://}
   * @return true when {@link #storage} serves it
   */
  boolean serves(String scheme);

  /**
   * Returns the storage for a scheme this provider {@link #serves}.
   *
   * @param scheme the scheme, lower case
   * @return a shared, thread-safe storage
   */
  Storage storage(String scheme);
}
