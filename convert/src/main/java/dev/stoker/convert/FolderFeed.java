package dev.stoker.convert;

import dev.stoker.io.EpochPlan;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An image folder: {@code root/<class>/<file>} (one split, or three by a seeded {@link
 * SplitFractions} split, decided per file by io exactly as {@link FolderSource} decides it), or
 * {@code root/train|val|test/<class>/<file>} (the parts as they are).
 */
public final class FolderFeed implements SampleFeed {
  private static final Set<String> LAYOUT = Set.of("train", "val", "validation", "test");

  private final String root;
  private final long seed;
  private boolean layout;
  private final List<String> splitNames = new ArrayList<>();
  private final List<@Nullable FolderSource> sources = new ArrayList<>();
  private final List<String> labelNames;

  private FolderFeed(String root, long seed, List<String> labelNames) {
    this.root = root;
    this.seed = seed;
    this.labelNames = labelNames;
  }

  static boolean looksLikeFolderDataset(Path path) {
    return Files.isDirectory(path);
  }

  /**
   * Lists an image folder on the local file system and opens its parts.
   *
   * @param root the folder
   * @param split the seeded split, or null to keep the folder's parts
   * @param seed the seed of the read order
   * @return the feed, which the caller closes
   * @throws IOException when the folder cannot be listed or holds no images
   * @throws IllegalArgumentException when a split is asked of a folder already split into parts
   */
  public static FolderFeed open(Path root, @Nullable SplitFractions split, long seed)
      throws IOException {
    return open(root.toString(), LocalStorage.INSTANCE, split, seed);
  }

  /**
   * Lists an image folder in any storage (local, or a Hadoop file system) and opens its parts.
   *
   * @param root the folder's location in {@code storage}
   * @param storage where the folder lives
   * @param split the seeded split, or null to keep the folder's parts
   * @param seed the seed of the read order
   * @return the feed, which the caller closes
   * @throws IOException when the folder cannot be listed or holds no images
   * @throws IllegalArgumentException when a split is asked of a folder already split into parts
   */
  public static FolderFeed open(
      String root, Storage storage, @Nullable SplitFractions split, long seed) throws IOException {
    boolean layout;
    List<StorageEntry> dirs =
        storage.list(root).stream()
            .filter(e -> e.directory() && !e.name().startsWith("."))
            .toList();
    layout = !dirs.isEmpty() && dirs.stream().allMatch(e -> LAYOUT.contains(e.name()));
    if (layout && split != null) {
      throw new IllegalArgumentException(
          "--split (expected: none, since " + root + " is already split into train/ val/ test/)");
    }
    FolderFeed feed;
    if (layout) {
      List<Subset> present = new ArrayList<>();
      for (Subset s : Subset.values()) {
        if (names(dirs).contains(s.folder())
            || (s == Subset.VALIDATION && names(dirs).contains("validation"))) {
          present.add(s);
        }
      }
      List<FolderSource> opened = new ArrayList<>();
      try {
        for (Subset s : present) {
          opened.add(
              FolderSource.open(FolderOptions.builder(root).storage(storage).subset(s).build()));
        }
      } catch (IOException | RuntimeException e) {
        for (FolderSource s : opened) {
          s.close();
        }
        throw e;
      }
      feed = new FolderFeed(root, seed, opened.getFirst().labelNames());
      feed.layout = true;
      for (int i = 0; i < present.size(); i++) {
        feed.splitNames.add(Splits.name(present.get(i)));
        feed.sources.add(opened.get(i));
      }
      return feed;
    }
    FolderSource whole = FolderSource.open(FolderOptions.builder(root).storage(storage).build());
    if (split == null) {
      feed = new FolderFeed(root, seed, whole.labelNames());
      feed.splitNames.add(Splits.name(Subset.TRAIN));
      feed.sources.add(whole);
      return feed;
    }
    feed = new FolderFeed(root, seed, whole.labelNames());
    whole.close();
    try {
      for (Subset s : Subset.values()) {
        feed.splitNames.add(Splits.name(s));
        feed.sources.add(openPart(root, storage, split, s));
      }
    } catch (IOException | RuntimeException e) {
      feed.close();
      throw e;
    }
    return feed;
  }

  /** Opens one part of a split; a part that no file falls into is empty, not an error. */
  private static @Nullable FolderSource openPart(
      String root, Storage storage, SplitFractions split, Subset part) throws IOException {
    try {
      return FolderSource.open(
          FolderOptions.builder(root).storage(storage).split(split, part).build());
    } catch (IOException e) {
      // The whole folder opened: the only failure left for a part is that it is empty.
      String m = e.getMessage();
      if (m != null && m.contains("the dataset is empty")) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public List<String> splitNames() {
    return List.copyOf(splitNames);
  }

  @Override
  public long[] splitCounts() {
    long[] counts = new long[sources.size()];
    for (int i = 0; i < counts.length; i++) {
      FolderSource s = sources.get(i);
      counts[i] = s == null ? 0 : s.sampleCount().orElseThrow();
    }
    return counts;
  }

  @Override
  public List<String> labelNames() {
    return labelNames;
  }

  @Override
  public String kind() {
    return "folder";
  }

  @Override
  public void feed(SampleSink sink) throws IOException, InterruptedException {
    for (int i = 0; i < sources.size(); i++) {
      FolderSource s = sources.get(i);
      if (s == null) {
        continue;
      }
      int split = i;
      StreamDrain.drain(s, seed, id -> split, stream -> relative(stream.source()), sink);
    }
  }

  private static List<String> names(List<StorageEntry> entries) {
    return entries.stream().map(StorageEntry::name).toList();
  }

  /**
   * Returns one split's samples in the order {@link #feed} delivers them, without reading them: the
   * plan a distributed conversion hands out to its tasks. {@code arrival} counts from 0 within the
   * split, as {@link ShardLayout#shardOf} expects.
   *
   * @param split the index of the split, as in {@link #splitNames()}
   * @return the samples, in arrival order
   */
  public List<PlannedSample> plan(int split) {
    FolderSource s = sources.get(split);
    if (s == null) {
      return List.of();
    }
    int n = (int) s.sampleCount().orElseThrow();
    // The order FolderSource.open(Cursor.start(seed, 0), Sharding.SINGLE) reads in.
    EpochPlan order =
        EpochPlan.build(new long[] {n}, EpochPlan.Mode.SAMPLES, 1, false, seed, 0, Sharding.SINGLE);
    List<PlannedSample> planned = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      long id = order.sampleAt(k);
      String location = s.file(id);
      String filename = relative(location);
      planned.add(new PlannedSample(split, k, id, location, labelOf(filename), filename));
    }
    return planned;
  }

  /** The label of a file by its class folder: the first folder below the root or the part. */
  private long labelOf(String filename) {
    String[] parts = filename.split("/", -1);
    int at = layout ? 1 : 0;
    return parts.length > at + 1 ? labelNames.indexOf(parts[at]) : -1;
  }

  /** The path below the root, with {@code /} separators, as {@code image/filename} holds it. */
  private String relative(String location) {
    String base = withoutScheme(root).replace('\\', '/');
    String path = withoutScheme(location).replace('\\', '/');
    String prefix = base.endsWith("/") ? base : base + "/";
    if (path.startsWith(prefix)) {
      return path.substring(prefix.length());
    }
    // A relative root in a storage that returns absolute locations.
    int at = path.indexOf("/" + prefix);
    return at >= 0 ? path.substring(at + prefix.length() + 1) : location;
  }

  /** A location's path: without {@code scheme:} and {@code //authority}, if it has them. */
  private static String withoutScheme(String location) {
    int colon = location.indexOf(':');
    int slash = location.indexOf('/');
    if (colon <= 1 || (slash >= 0 && slash < colon)) {
      return location; // no scheme (or a Windows drive letter)
    }
    String rest = location.substring(colon + 1);
    if (rest.startsWith("//")) {
      int end = rest.indexOf('/', 2);
      return end < 0 ? "/" : rest.substring(end);
    }
    return rest;
  }

  @Override
  public void close() throws IOException {
    for (FolderSource s : sources) {
      if (s != null) {
        s.close();
      }
    }
  }
}
