package dev.stoker.io.storage;

/**
 * One entry of a directory listing.
 *
 * @param location where the entry is, in the storage's syntax
 * @param name the last element of the location
 * @param directory whether the entry is a directory
 * @param size the size in bytes for a file, 0 for a directory
 */
public record StorageEntry(String location, String name, boolean directory, long size) {
  /**
   * Tells whether the entry is hidden: its name starts with {@code .} or {@code _}, the convention
   * of Unix and of Hadoop/Spark output folders ({@code _SUCCESS}, {@code _metadata}).
   *
   * @return true for hidden entries
   */
  public boolean hidden() {
    return name.startsWith(".") || name.startsWith("_");
  }
}
