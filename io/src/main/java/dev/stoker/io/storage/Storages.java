package dev.stoker.io.storage;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Picks the {@link Storage} for a location by its URI scheme: a plain path is {@link LocalStorage};
 * {@code hdfs://}, {@code s3a://} and the rest go to the first {@link StorageProvider} on the class
 * path that serves the scheme. The source options use this when no storage is set, so {@code
 * stoker-hadoop} on the class path is enough to read {@code hdfs://}.
 */
public final class Storages {
  /** A scheme of two or more characters (so {@code C:/...} stays a path), then {@code :/}. */
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):/");

  private Storages() {}

  /**
   * Returns a location's URI scheme, lower case, or null for a plain path.
   *
   * @param location a path or URI
   * @return the scheme, or null
   */
  public static @Nullable String scheme(String location) {
    Matcher m = SCHEME.matcher(location);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /**
   * Returns the storage that serves a location.
   *
   * @param location a path or URI
   * @return {@link LocalStorage} for a path, else the storage of the first provider serving the
   *     scheme
   * @throws IllegalArgumentException when no provider on the class path serves the scheme
   */
  public static Storage forLocation(String location) {
    String scheme = scheme(location);
    if (scheme == null) {
      return LocalStorage.INSTANCE;
    }
    for (StorageProvider provider :
        ServiceLoader.load(StorageProvider.class, Storages.class.getClassLoader())) {
      if (provider.serves(scheme)) {
        return provider.storage(scheme);
      }
    }
    throw new IllegalArgumentException(
        "location="
            + location
            + " (expected: a local path, or a URI whose scheme a storage module on the class path"
            + " serves: add dev.stoker:stoker-hadoop for hdfs://, file://, and, with its"
            + " connector, s3a://, gs://, abfs://; nothing serves '"
            + scheme
            + "')");
  }

  /**
   * Returns the storage that serves a list of locations: the one of the first, or {@link
   * LocalStorage} for none.
   *
   * @param locations paths or URIs, all served by one storage
   * @return the storage
   * @throws IllegalArgumentException when no provider on the class path serves the scheme
   */
  public static Storage forLocations(List<String> locations) {
    return locations.isEmpty() ? LocalStorage.INSTANCE : forLocation(locations.get(0));
  }
}
