package dev.stoker.io.source;

import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shards a source reads, expanded from locations and globs as {@link Shards} does, with what
 * one listing of each shard's directory says for free: the shard's size, whether its index file
 * exists, and the directory's {@code manifest.json}. The open then needs no call per shard to learn
 * them, one {@link Storage#list} per distinct directory instead (a remote store pages a listing at
 * about 1,000 entries a call).
 *
 * <p>A directory is listed when a glob points into it (the glob lists it anyway) or when at least
 * {@value #LIST_AT} plain locations do; a few plain locations are asked one by one, so naming three
 * files in a huge bucket does not list the bucket. The listing is matched by file name, so it does
 * not depend on how a storage spells locations. A shard the listing does not show (its directory
 * could not be listed, or the location has no directory part) gets an unknown size and index, and
 * the caller asks for them as before, which also reports a missing file with its name. Stateless.
 */
final class ShardListing {
  private ShardListing() {}

  /**
   * One shard to read.
   *
   * @param location where it is
   * @param name its file name, the last element of the location
   * @param size its size, or -1 when the listing did not show it
   * @param index the listed {@code location + indexSuffix}, or null when there is none or unknown
   * @param manifest the {@code manifest.json} beside it, or null when there is none or it is
   *     unknown
   */
  record Shard(
      String location,
      String name,
      long size,
      @Nullable StorageEntry index,
      @Nullable StorageEntry manifest) {
    /** Returns whether the shard has an index file, or null when the listing does not say. */
    @Nullable Boolean hasIndex() {
      return size < 0 ? null : index != null;
    }
  }

  /** How many plain locations in one directory make listing it cheaper than asking each. */
  static final int LIST_AT = 16;

  static List<Shard> resolve(Storage storage, List<String> patterns, String indexSuffix)
      throws IOException {
    Map<String, Integer> worth = new HashMap<>();
    for (String pattern : patterns) {
      String directory = directory(pattern);
      if (directory != null) {
        worth.merge(directory, Shards.hasWildcard(pattern) ? LIST_AT : 1, Integer::sum);
      }
    }
    Map<String, @Nullable Map<String, StorageEntry>> listings = new HashMap<>();
    List<Shard> shards = new ArrayList<>();
    for (String pattern : patterns) {
      String directory = directory(pattern);
      Map<String, StorageEntry> listing = null;
      if (directory != null && worth.get(directory) >= LIST_AT) {
        if (!listings.containsKey(directory)) {
          listings.put(directory, list(storage, directory));
        }
        listing = listings.get(directory);
      }
      for (String location : Shards.resolve(storage, List.of(pattern), false)) {
        String name = location.substring(location.lastIndexOf('/') + 1);
        StorageEntry entry = listing == null ? null : listing.get(name);
        if (entry == null || entry.directory()) {
          shards.add(new Shard(location, name, -1, null, null));
        } else {
          shards.add(
              new Shard(
                  location,
                  name,
                  entry.size(),
                  listing.get(name + indexSuffix),
                  listing.get(ConversionManifest.FILE_NAME)));
        }
      }
    }
    return shards;
  }

  private static @Nullable String directory(String pattern) {
    int slash = pattern.lastIndexOf('/');
    return slash > 0 ? pattern.substring(0, slash) : null;
  }

  /** Lists a directory by file name, or returns null when it cannot be listed. */
  private static @Nullable Map<String, StorageEntry> list(Storage storage, String directory)
      throws InterruptedIOException {
    try {
      Map<String, StorageEntry> byName = new HashMap<>();
      for (StorageEntry e : storage.list(directory)) {
        byName.put(e.name(), e);
      }
      return byName;
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return null; // the per-shard calls then find the files, or name the one that is missing
    }
  }
}
