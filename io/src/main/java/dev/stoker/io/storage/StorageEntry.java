package dev.stoker.io.storage;

/**
 * One entry of a directory listing. A symbolic link is listed as what it points to ({@code
 * directory} and {@code size} are the target's), with {@code link} set.
 *
 * @param location where the entry is, in the storage's syntax
 * @param name the last element of the location
 * @param directory whether the entry is a directory
 * @param size the size in bytes for a file, 0 for a directory
 * @param link whether the entry is a symbolic link; false where the storage has none or does not
 *     tell
 */
public record StorageEntry(
    String location, String name, boolean directory, long size, boolean link) {
  /**
   * Creates an entry that is not a symbolic link.
   *
   * @param location where the entry is, in the storage's syntax
   * @param name the last element of the location
   * @param directory whether the entry is a directory
   * @param size the size in bytes for a file, 0 for a directory
   */
  public StorageEntry(String location, String name, boolean directory, long size) {
    this(location, name, directory, size, false);
  }

  /**
   * Tells whether the entry is hidden: its name starts with {@code .}, the Unix convention (and the
   * one Keras follows for class folders; names starting with {@code _} are not hidden, since
   * datasets use them for real classes such as {@code _background_noise_}).
   *
   * @return true for hidden entries
   */
  public boolean hidden() {
    return name.startsWith(".");
  }
}
