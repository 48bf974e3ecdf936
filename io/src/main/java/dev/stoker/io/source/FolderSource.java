package dev.stoker.io.source;

import dev.stoker.core.Checks;
import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.EpochPlan;
import dev.stoker.io.SampleMemory;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.RetryingStorage;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Images in class folders, {@code root/<class>/<file>}, as Keras' {@code
 * image_dataset_from_directory} reads them.
 *
 * <ul>
 *   <li><b>Labels</b> are the class folders' names, sorted, indexed from 0. In the {@code train/
 *       val/ test/} layout ({@code validation/} also accepted) the names are the union over all
 *       parts, so a label means the same class in every part.
 *   <li><b>Files</b> are those whose extension (case-insensitive) is in {@link
 *       FolderOptions#extensions()}, at any depth below the class folder; hidden entries (names
 *       starting with {@code .}) are skipped. Symbolic links are read through, except linked
 *       folders below a class folder when {@link FolderOptions#followLinks()} is false. Sample ids
 *       number the files in (class, path) order.
 *   <li><b>Errors at open</b>, each naming the folder: no class folders, a class folder without
 *       images, an empty dataset or part, a missing or unreadable root. <b>Errors per sample</b> (a
 *       file that vanished, cannot be read, or is larger than {@link
 *       FolderOptions#maxSampleBytes()}) surface as {@link SampleReadException}s that the stream
 *       can read past.
 * </ul>
 *
 * <p>Random access: epochs are permutations of all files ({@link EpochPlan.Mode#SAMPLES}), or the
 * files in sample-id order ({@link EpochOrder#IN_ORDER}: Keras' {@code shuffle=False} order). The
 * file list is read once, when the source is opened.
 *
 * <p><b>Ownership and threading.</b> See {@link Source}: the caller closes it; thread-safe. It
 * holds only the file list, so {@code close()} just marks it closed.
 */
public final class FolderSource implements Source {
  private static final Set<String> LAYOUT = Set.of("train", "val", "validation", "test");

  private final FolderOptions options;
  private final Storage storage;
  private final List<String> labelNames;
  private final String[] files;
  private final int[] labels;
  private volatile boolean closed;

  private FolderSource(
      FolderOptions options, List<String> labelNames, List<String> files, int[] labels) {
    this.options = options;
    this.storage = RetryingStorage.wrap(options.storage(), options.retry());
    this.labelNames = List.copyOf(labelNames);
    this.files = files.toArray(String[]::new);
    this.labels = labels;
  }

  /**
   * Lists the dataset and opens the source.
   *
   * @param options where and what to read
   * @return the source, which the caller closes
   * @throws IOException when the root is missing or unreadable, has no class folders, a class
   *     folder has no images, or the selected part is empty; the message names the folder
   * @throws IllegalArgumentException when the {@code train/ val/ test/} layout is found but no
   *     subset was chosen, or a subset was chosen for a plain layout without a split
   */
  public static FolderSource open(FolderOptions options) throws IOException {
    Storage storage = RetryingStorage.wrap(options.storage(), options.retry());
    String root = options.root();
    List<StorageEntry> top = directories(storage.list(root));
    boolean layout = !top.isEmpty() && top.stream().allMatch(e -> LAYOUT.contains(e.name()));
    String classRoot = root;
    List<String> names;
    if (layout) {
      Subset subset = options.subset();
      Checks.require(
          subset != null && options.split() == null,
          "subset",
          subset,
          "TRAIN, VALIDATION or TEST without a split: "
              + root
              + " has the train/ val/ test/ layout");
      Set<String> union = new TreeSet<>();
      String chosen = null;
      for (StorageEntry part : top) {
        for (StorageEntry cls : directories(storage.list(part.location()))) {
          union.add(cls.name());
        }
        if (part.name().equals(subset.folder())
            || (subset == Subset.VALIDATION && part.name().equals("validation"))) {
          chosen = part.location();
        }
      }
      if (chosen == null) {
        throw new IOException(
            root + ": no folder for subset " + subset + " (expected: " + subset.folder() + "/)");
      }
      classRoot = chosen;
      names = List.copyOf(union);
    } else {
      Checks.require(
          options.subset() == null || options.split() != null,
          "subset",
          options.subset(),
          "no subset without a split: " + root + " has no train/ val/ test/ folders");
      names = top.stream().map(StorageEntry::name).toList();
    }
    if (names.isEmpty()) {
      throw new IOException(root + ": no class folders (expected: root/<class>/<file>)");
    }
    List<String> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    // One listing per folder, each class's folders walked on its own task, 16 classes at a time.
    List<StorageEntry> classes = layout ? directories(storage.list(classRoot)) : top;
    List<ClassFiles> walked =
        OpenTasks.run(
            classes,
            cls -> {
              List<String> relative = new ArrayList<>();
              List<String> found = new ArrayList<>();
              walk(storage, cls.location(), cls.name(), options, relative, found);
              return new ClassFiles(relative, found);
            });
    for (int c = 0; c < classes.size(); c++) {
      StorageEntry cls = classes.get(c);
      int label = names.indexOf(cls.name());
      List<String> relative = walked.get(c).relative();
      List<String> found = walked.get(c).found();
      if (found.isEmpty()) {
        throw new IOException(
            cls.location()
                + ": class folder holds no files with extensions "
                + new TreeSet<>(options.extensions())
                + " (expected: at least one image per class)");
      }
      for (int i = 0; i < found.size(); i++) {
        SplitFractions split = options.split();
        if (split == null || split.subsetOf(relative.get(i)) == options.subset()) {
          files.add(found.get(i));
          labels.add(label);
        }
      }
    }
    if (files.isEmpty()) {
      throw new IOException(
          classRoot
              + ": the dataset is empty"
              + (options.split() == null ? "" : " in subset " + options.subset())
              + " (expected: at least one image)");
    }
    return new FolderSource(
        options, names, files, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** One class folder's image files: paths relative to the class root, and locations. */
  private record ClassFiles(List<String> relative, List<String> found) {}

  private static List<StorageEntry> directories(List<StorageEntry> entries) {
    return entries.stream().filter(e -> e.directory() && !e.hidden()).toList();
  }

  private static void walk(
      Storage storage,
      String dir,
      String relDir,
      FolderOptions options,
      List<String> relative,
      List<String> found)
      throws IOException {
    for (StorageEntry e : storage.list(dir)) {
      if (e.hidden()) {
        continue;
      }
      String rel = relDir + "/" + e.name();
      if (e.directory()) {
        if (options.followLinks() || !e.link()) {
          walk(storage, e.location(), rel, options, relative, found);
        }
      } else {
        int dot = e.name().lastIndexOf('.');
        if (dot > 0
            && options
                .extensions()
                .contains(e.name().substring(dot + 1).toLowerCase(Locale.ROOT))) {
          relative.add(rel);
          found.add(e.location());
        }
      }
    }
  }

  @Override
  public String name() {
    return options.root();
  }

  @Override
  public List<String> labelNames() {
    return labelNames;
  }

  @Override
  public OptionalLong sampleCount() {
    return OptionalLong.of(files.length);
  }

  @Override
  public boolean isRandomAccess() {
    return true;
  }

  /**
   * Returns the file a sample id stands for.
   *
   * @param sampleId the id
   * @return the file's location
   */
  public String file(long sampleId) {
    return files[Math.toIntExact(sampleId)];
  }

  @Override
  public SampleStream open(Cursor cursor, Sharding sharding, EpochOrder order) {
    return open(cursor, sharding, order, null);
  }

  @Override
  public SampleStream open(
      Cursor cursor, Sharding sharding, EpochOrder order, @Nullable MemoryBudget budget) {
    if (closed) {
      throw new IllegalStateException(options.root() + ": source is closed");
    }
    long[] units = {files.length};
    EpochPlan plan =
        order == EpochOrder.IN_ORDER
            ? EpochPlan.inOrder(units, sharding)
            : EpochPlan.build(
                units, EpochPlan.Mode.SAMPLES, 1, false, cursor.seed(), cursor.epoch(), sharding);
    if (budget != null) {
      return new Stream(plan, cursor.position(), budget, null);
    }
    MemoryBudget own =
        MemoryBudget.create(
            "folder stream " + options.root(),
            ScratchBuffer.ownBudgetLimit(options.maxSampleBytes()));
    try {
      return new Stream(plan, cursor.position(), own, own);
    } catch (RuntimeException e) {
      own.close(); // a position past the plan: the stream never existed
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private final class Stream extends PlannedStream {
    private final ScratchBuffer scratch;
    private final @Nullable MemoryBudget ownBudget;
    private @Nullable SampleMemory lent;

    Stream(EpochPlan plan, long start, MemoryBudget budget, @Nullable MemoryBudget ownBudget) {
      super(plan, start);
      this.scratch = new ScratchBuffer(budget);
      this.ownBudget = ownBudget;
    }

    @Override
    public void readInto(SampleMemory memory) {
      this.lent = memory;
    }

    /** The lent memory when it can hold the sample, else this stream's own buffer. */
    private MemorySegment target(long size) {
      SampleMemory memory = lent;
      MemorySegment there = memory == null ? MemorySegment.NULL : memory.reserve(size);
      if (there.equals(MemorySegment.NULL)) {
        return scratch.get(size);
      }
      if (there.byteSize() != size) {
        throw new IllegalStateException(
            "lent memory holds " + there.byteSize() + " bytes (expected: " + size + ")");
      }
      return there;
    }

    @Override
    void load(long id) throws IOException {
      String file = files[(int) id];
      try (RandomReader reader = storage.openRandom(file)) {
        long size = reader.size();
        if (size > options.maxSampleBytes()) {
          throw bad(
              id,
              file,
              Checks.message("size", size, "<= maxSampleBytes " + options.maxSampleBytes()),
              null);
        }
        MemorySegment bytes = target(size);
        reader.readFully(0, bytes);
        set(id, labels[(int) id], bytes, file, SamplePosition.wholeFile());
      } catch (SampleReadException e) {
        throw e;
      } catch (IOException e) {
        throw bad(id, file, "unreadable: " + e.getMessage(), e);
      }
    }

    @Override
    void release() {
      scratch.close();
      if (ownBudget != null) {
        ownBudget.close();
      }
    }
  }

  private static SampleReadException bad(
      long id, String file, String reason, @Nullable Throwable cause) {
    return new SampleReadException(
        new SampleError(file, SamplePosition.wholeFile(), reason, cause), id, true);
  }
}
