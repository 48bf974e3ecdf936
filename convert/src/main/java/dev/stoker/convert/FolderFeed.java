package dev.stoker.convert;

import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An image folder: {@code root/<class>/<file>} (one split, or three by a seeded {@link
 * SplitFractions} split, decided per file by io exactly as {@link FolderSource} decides it), or
 * {@code root/train|val|test/<class>/<file>} (the parts as they are).
 */
public final class FolderFeed implements SampleFeed {
  private static final Set<String> LAYOUT = Set.of("train", "val", "validation", "test");

  private final Path root;
  private final long seed;
  private final List<String> splitNames = new ArrayList<>();
  private final List<@Nullable FolderSource> sources = new ArrayList<>();
  private final List<String> labelNames;

  private FolderFeed(Path root, long seed, List<String> labelNames) {
    this.root = root;
    this.seed = seed;
    this.labelNames = labelNames;
  }

  static boolean looksLikeFolderDataset(Path path) {
    return Files.isDirectory(path);
  }

  /**
   * Lists an image folder and opens its parts.
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
    boolean layout;
    try (Stream<Path> top = Files.list(root)) {
      List<Path> dirs =
          top.filter(Files::isDirectory)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .toList();
      layout =
          !dirs.isEmpty()
              && dirs.stream().allMatch(p -> LAYOUT.contains(p.getFileName().toString()));
    }
    if (layout && split != null) {
      throw new IllegalArgumentException(
          "--split (expected: none, since " + root + " is already split into train/ val/ test/)");
    }
    FolderFeed feed;
    if (layout) {
      List<Subset> present = new ArrayList<>();
      for (Subset s : Subset.values()) {
        if (Files.isDirectory(root.resolve(s.folder()))
            || (s == Subset.VALIDATION && Files.isDirectory(root.resolve("validation")))) {
          present.add(s);
        }
      }
      List<FolderSource> opened = new ArrayList<>();
      try {
        for (Subset s : present) {
          opened.add(FolderSource.open(FolderOptions.builder(root.toString()).subset(s).build()));
        }
      } catch (IOException | RuntimeException e) {
        for (FolderSource s : opened) {
          s.close();
        }
        throw e;
      }
      feed = new FolderFeed(root, seed, opened.getFirst().labelNames());
      for (int i = 0; i < present.size(); i++) {
        feed.splitNames.add(Splits.name(present.get(i)));
        feed.sources.add(opened.get(i));
      }
      return feed;
    }
    FolderSource whole = FolderSource.open(FolderOptions.builder(root.toString()).build());
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
        feed.sources.add(openPart(root, split, s));
      }
    } catch (IOException | RuntimeException e) {
      feed.close();
      throw e;
    }
    return feed;
  }

  /** Opens one part of a split; a part that no file falls into is empty, not an error. */
  private static @Nullable FolderSource openPart(Path root, SplitFractions split, Subset part)
      throws IOException {
    try {
      return FolderSource.open(FolderOptions.builder(root.toString()).split(split, part).build());
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

  private String relative(String location) {
    Path p = Path.of(location);
    return p.startsWith(root) ? root.relativize(p).toString().replace('\\', '/') : location;
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
