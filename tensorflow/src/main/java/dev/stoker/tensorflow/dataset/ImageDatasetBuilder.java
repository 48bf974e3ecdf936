package dev.stoker.tensorflow.dataset;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.KerasAugmentation;
import dev.stoker.augment.Operation;
import dev.stoker.augment.RandomResizedCrop;
import dev.stoker.augment.Resize;
import dev.stoker.augment.ResizeWithPad;
import dev.stoker.core.Checks;
import dev.stoker.decode.resize.ResizeFilter;
import dev.stoker.io.Source;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.tensorflow.LabelMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of Keras' {@code image_dataset_from_directory}, one method each, with Keras'
 * defaults: {@code labels="inferred"}, {@code label_mode="int"}, {@code color_mode="rgb"}, {@code
 * batch_size=32}, {@code image_size=(256, 256)}, {@code shuffle=True}, {@code
 * interpolation="bilinear"}, {@code follow_links=False}, {@code crop_to_aspect_ratio=False}, {@code
 * pad_to_aspect_ratio=False}, {@code data_format="channels_last"}. Made by {@link
 * ImageDataset#fromDirectory}, {@link ImageDataset#fromTfRecords} or {@link
 * ImageDataset#fromParquet}.
 *
 * <p><b>Splits.</b> Three ways, each stable across runs and machines:
 *
 * <ul>
 *   <li>Keras' {@link #validationSplit}: with {@link #subset} {@code TRAIN} or {@code VALIDATION}
 *       and {@link #build()}, or both parts at once with {@link #buildSplits()} ({@code
 *       subset="both"}). A {@link #seed} is required, as in Keras.
 *   <li>Stoker's three-way split, such as {@code split(SplitFractions.standard(seed))} for
 *       80/10/10, with {@link #subset} or {@link #buildSplits()}.
 *   <li>A folder laid out as {@code train/ val/ test/}, with {@link #subset} or {@link
 *       #buildSplits()}.
 * </ul>
 *
 * <p><b>The split rule.</b> Keras sorts the files, shuffles the list with the seed and cuts it, so
 * one added file can move others between parts. Stoker decides each file on its own, from a 64-bit
 * hash of its path relative to the root and the seed ({@link SplitFractions}): the same seed and
 * file give the same part on every run and machine, adding files never moves existing ones, and the
 * parts' sizes follow the fractions up to binomial noise. It is not Keras' split: the same seed
 * gives other parts than Keras.
 *
 * <p><b>Refused arguments.</b> A Keras argument value Stoker does not support is refused when set,
 * with an {@link IllegalArgumentException} that names the Keras argument and what to do instead.
 *
 * <p>Not thread-safe.
 */
public final class ImageDatasetBuilder {
  /** What the builder reads. */
  enum Kind {
    DIRECTORY,
    TFRECORD,
    PARQUET
  }

  private final Kind kind;
  private final List<String> locations;
  private @Nullable List<Integer> labels;
  private LabelMode labelMode = LabelMode.INT;
  private @Nullable List<String> classNames;
  private int channels = 3;
  private int batchSize = 32;
  private int height = 256;
  private int width = 256;
  private @Nullable Long seed;
  private double validationSplit;
  private @Nullable SplitFractions split;
  private @Nullable Subset subset;
  private ResizeFilter filter = ResizeFilter.BILINEAR;
  private boolean cropToAspectRatio;
  private boolean padToAspectRatio;
  private boolean channelsFirst;
  private boolean shuffle = true;
  private boolean followLinks;
  private TfRecordOptions.Counting counting = TfRecordOptions.Counting.UP_FRONT;
  private @Nullable KerasAugmentation augmentation;
  private int workers = 2;
  private int maxImageBytes = 4 << 20;

  ImageDatasetBuilder(Kind kind, List<String> locations) {
    Checks.require(!locations.isEmpty(), "files", locations, "at least one");
    this.kind = kind;
    this.locations = List.copyOf(locations);
  }

  /**
   * Gives the labels instead of inferring them from the class folders: Keras' {@code labels} as a
   * list, one class index per image in the order of the images' paths relative to the root (sorted,
   * {@code /} separated: the order Stoker numbers the files in). Only for a plain folder of class
   * folders; the class names are {@code "0"}, {@code "1"}, … unless {@link #classNames} gives them.
   *
   * @param perImage one label per image
   * @return this builder
   */
  public ImageDatasetBuilder labels(List<Integer> perImage) {
    requireKind(Kind.DIRECTORY, "labels", "a list", "the records carry their labels");
    this.labels = List.copyOf(perImage);
    return this;
  }

  /**
   * Sets {@code label_mode}. Keras' {@code None} (no labels) is not offered: every batch has
   * labels; ignore {@link dev.stoker.tensorflow.TensorBatch#targets()} if you do not need them.
   *
   * @param mode how {@link dev.stoker.tensorflow.TensorBatch#targets()} encodes the labels
   * @return this builder
   */
  public ImageDatasetBuilder labelMode(LabelMode mode) {
    this.labelMode = mode;
    return this;
  }

  /**
   * Sets {@code class_names}: for a folder, the class folders in the order wanted (label {@code i}
   * is {@code names.get(i)}; they must be exactly the folders' names); for TFRecord and Parquet,
   * the names of labels {@code 0, 1, …}.
   *
   * @param names the names
   * @return this builder
   */
  public ImageDatasetBuilder classNames(List<String> names) {
    Checks.require(
        new HashSet<>(names).size() == names.size() && !names.isEmpty(),
        "class_names",
        names,
        "distinct names, at least one");
    this.classNames = List.copyOf(names);
    return this;
  }

  /**
   * Sets {@code color_mode}: {@code "rgb"} (3 channels) or {@code "grayscale"} (1 channel).
   *
   * @param mode the Keras name
   * @return this builder
   * @throws IllegalArgumentException for {@code "rgba"}, which Stoker's decoders do not produce
   */
  public ImageDatasetBuilder colorMode(String mode) {
    switch (mode.toLowerCase(Locale.ROOT)) {
      case "rgb" -> channels = 3;
      case "grayscale" -> channels = 1;
      default ->
          throw new IllegalArgumentException(
              Checks.message(
                  "color_mode",
                  mode,
                  "rgb or grayscale; rgba is not supported, because the decoders write no alpha"
                      + " channel: use rgb"));
    }
    return this;
  }

  /**
   * Sets {@code batch_size}. Keras' {@code None} (single images) is refused: use 1.
   *
   * @param size images per batch, the last batch of an epoch possibly fewer
   * @return this builder
   */
  public ImageDatasetBuilder batchSize(int size) {
    Checks.require(
        size > 0,
        "batch_size",
        size,
        "> 0; None (unbatched) is not supported, because a pipeline hands out batches: use 1");
    this.batchSize = size;
    return this;
  }

  /**
   * Sets {@code image_size}: every image is resized to it.
   *
   * @param height the height in pixels
   * @param width the width in pixels
   * @return this builder
   */
  public ImageDatasetBuilder imageSize(int height, int width) {
    this.height = Checks.positive("image_size height", height);
    this.width = Checks.positive("image_size width", width);
    return this;
  }

  /**
   * Sets {@code shuffle}. With {@code true} (the default) every epoch is a permutation keyed by the
   * {@link #seed} and the epoch. With {@code false} every epoch reads the images in sample-id
   * order, the same every epoch: for a folder, Keras' order (the class folders in alphanumeric
   * order, each class's files sorted by path); for TFRecord shards and Parquet files, the files in
   * the order given (globs expanded sorted), records and rows in file order. Augmentation draws
   * still follow the seed and epoch.
   *
   * @param shuffle false to read in order
   * @return this builder
   */
  public ImageDatasetBuilder shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /**
   * Sets {@code seed}: the shuffle, the augmentation draws and the split. Keras draws a random seed
   * when none is given; Stoker uses 0, so runs repeat unless you change it.
   *
   * @param seed the seed
   * @return this builder
   */
  public ImageDatasetBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * Sets {@code validation_split}: the fraction of the images kept for validation. Requires a
   * {@link #seed}, as Keras does, and a {@link #subset} or {@link #buildSplits()}.
   *
   * @param fraction in {@code (0, 1)}
   * @return this builder
   */
  public ImageDatasetBuilder validationSplit(double fraction) {
    requireKind(
        Kind.DIRECTORY,
        "validation_split",
        Double.toString(fraction),
        "split when converting (stoker tfrecord-convert --split 0.8,0.2,0) and build one dataset"
            + " per part's files");
    Checks.require(fraction > 0 && fraction < 1, "validation_split", fraction, "in (0, 1)");
    this.validationSplit = fraction;
    return this;
  }

  /**
   * Uses Stoker's three-way hash split instead of {@link #validationSplit}, such as {@code
   * SplitFractions.standard(seed)} for 80/10/10; its seed replaces {@link #seed} for the split.
   *
   * @param fractions the fractions and the split's seed
   * @return this builder
   */
  public ImageDatasetBuilder split(SplitFractions fractions) {
    requireKind(
        Kind.DIRECTORY,
        "split",
        fractions.toString(),
        "split when converting (stoker tfrecord-convert --split) and build one dataset per part");
    this.split = fractions;
    return this;
  }

  /**
   * Sets {@code subset}: which part {@link #build()} returns. Keras' {@code "training"} is {@link
   * Subset#TRAIN}, {@code "validation"} is {@link Subset#VALIDATION}; {@code "both"} is {@link
   * #buildSplits()}. {@link Subset#TEST} exists for the 80/10/10 split and the {@code test/}
   * folder.
   *
   * @param part the part
   * @return this builder
   */
  public ImageDatasetBuilder subset(Subset part) {
    requireKind(
        Kind.DIRECTORY,
        "subset",
        String.valueOf(part),
        "pass each part's files to its own builder");
    this.subset = part;
    return this;
  }

  /**
   * Sets {@code interpolation}: {@code "bilinear"} (Keras' default; exactly {@code tf.image.resize}
   * bilinear without antialiasing), {@code "nearest"}, or {@code "area"} (here the antialiased
   * triangle filter, which averages every source pixel as area does).
   *
   * @param method the Keras name
   * @return this builder
   * @throws IllegalArgumentException for {@code bicubic}, {@code lanczos3}, {@code lanczos5},
   *     {@code gaussian} and {@code mitchellcubic}, which Stoker's resizer does not have
   */
  public ImageDatasetBuilder interpolation(String method) {
    this.filter =
        switch (method.toLowerCase(Locale.ROOT)) {
          case "bilinear" -> ResizeFilter.BILINEAR;
          case "nearest" -> ResizeFilter.NEAREST;
          case "area" -> ResizeFilter.TRIANGLE;
          default ->
              throw new IllegalArgumentException(
                  Checks.message(
                      "interpolation",
                      method,
                      "bilinear, nearest or area; the resizer has no other filter: use area"
                          + " for smooth downscaling, bilinear otherwise"));
        };
    return this;
  }

  /**
   * Sets {@code follow_links}, default {@code false} as in Keras: a symbolically linked folder
   * inside a class folder is not read, while linked files are, and a class folder that is itself a
   * link is still a class (what Keras 3 does). {@code true} reads through every link. Only for
   * folders. The folder source underneath ({@link FolderOptions.Builder#followLinks}) follows links
   * by default; this front door passes Keras' default.
   *
   * @param follow whether to enter linked sub-folders
   * @return this builder
   */
  public ImageDatasetBuilder followLinks(boolean follow) {
    requireKind(
        Kind.DIRECTORY, "follow_links", Boolean.toString(follow), "list the files you want");
    this.followLinks = follow;
    return this;
  }

  /**
   * Sets {@code crop_to_aspect_ratio}: crop the largest centred window with the output's aspect
   * ratio before resizing, instead of stretching.
   *
   * @param crop whether to crop
   * @return this builder
   */
  public ImageDatasetBuilder cropToAspectRatio(boolean crop) {
    this.cropToAspectRatio = crop;
    return this;
  }

  /**
   * Sets {@code pad_to_aspect_ratio}: resize the image to fit inside the output without distorting
   * it, centred, the rest black (0, before any rescaling), as Keras does ({@link ResizeWithPad}
   * says how closely). Cannot be combined with {@link #cropToAspectRatio}, as in Keras.
   *
   * @param pad whether to pad
   * @return this builder
   */
  public ImageDatasetBuilder padToAspectRatio(boolean pad) {
    this.padToAspectRatio = pad;
    return this;
  }

  /**
   * Sets {@code data_format}: {@code "channels_last"} (NHWC, the default) or {@code
   * "channels_first"} (NCHW).
   *
   * @param format the Keras name
   * @return this builder
   */
  public ImageDatasetBuilder dataFormat(String format) {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "channels_last" -> channelsFirst = false;
      case "channels_first" -> channelsFirst = true;
      default ->
          throw new IllegalArgumentException(
              Checks.message("data_format", format, "channels_last or channels_first"));
    }
    return this;
  }

  /**
   * Adds {@code ImageDataGenerator}-style augmentation and rescaling, applied after the resize.
   * Without it, images are resized only, with values in {@code [0, 255]}.
   *
   * @param generator the augmentation
   * @return this builder
   */
  public ImageDatasetBuilder augmentation(KerasAugmentation generator) {
    this.augmentation = generator;
    return this;
  }

  /**
   * Sets how many threads decode and augment. Default 2.
   *
   * @param count the worker count
   * @return this builder
   */
  public ImageDatasetBuilder workers(int count) {
    this.workers = Checks.positive("workers", count);
    return this;
  }

  /**
   * Sets the largest encoded image accepted. Default 4 MiB, the pipeline's default; each ring slot
   * reserves this much off-heap memory.
   *
   * @param bytes the limit
   * @return this builder
   */
  public ImageDatasetBuilder maxImageBytes(int bytes) {
    this.maxImageBytes = Checks.positive("maxImageBytes", bytes);
    return this;
  }

  /**
   * Sets whether TFRecord shards are counted before the first batch. Default {@link
   * TfRecordOptions.Counting#UP_FRONT}: {@link ImageDataset#sampleCount()} is known and ranks share
   * records exactly. {@link TfRecordOptions.Counting#NONE} starts at once however many shards there
   * are, as {@code tf.data.TFRecordDataset} does, with an unknown sample count (-1) and ranks
   * sharing shards rather than records (see {@link TfRecordSource}). Only for TFRecord files.
   *
   * @param counting when the shards' records are counted
   * @return this builder
   */
  public ImageDatasetBuilder counting(TfRecordOptions.Counting counting) {
    Checks.require(counting != null, "counting", counting, "UP_FRONT or NONE");
    requireKind(Kind.TFRECORD, "counting", counting.name(), "only TFRecord shards are counted");
    this.counting = counting;
    return this;
  }

  /**
   * Opens the dataset, or the part {@link #subset} chose.
   *
   * @return the dataset, owned by the caller
   * @throws IOException when the files cannot be listed or read; the message names the file
   * @throws IllegalArgumentException when the arguments do not fit together
   */
  public ImageDataset build() throws IOException {
    checkAspect();
    checkSplit(subset, true);
    return open(subset);
  }

  /**
   * Opens every part: Keras' {@code subset="both"}, plus the test part of an 80/10/10 split or a
   * {@code test/} folder.
   *
   * @return the parts, owned by the caller
   * @throws IOException when the files cannot be listed or read
   * @throws IllegalArgumentException when the dataset is not split
   */
  public ImageDatasetSplits buildSplits() throws IOException {
    boolean layout = kind == Kind.DIRECTORY && hasLayout();
    Checks.require(
        validationSplit > 0 || split != null || layout,
        "subset",
        "both",
        "a validationSplit, a split, or the train/ val/ test/ layout");
    checkAspect();
    checkSplit(null, false);
    boolean test =
        split != null ? split.test() > 0 : layout && Files.isDirectory(root().resolve("test"));
    ImageDataset training = open(Subset.TRAIN);
    ImageDataset validation = null;
    try {
      validation = open(Subset.VALIDATION);
      return new ImageDatasetSplits(training, validation, test ? open(Subset.TEST) : null);
    } catch (IOException | RuntimeException e) {
      closeQuietly(training, e);
      if (validation != null) {
        closeQuietly(validation, e);
      }
      throw e;
    }
  }

  private void checkAspect() {
    Checks.require(
        !(cropToAspectRatio && padToAspectRatio),
        "pad_to_aspect_ratio",
        true,
        "false with crop_to_aspect_ratio=true: only one of them can be set, as in Keras");
  }

  private void checkSplit(@Nullable Subset part, boolean single) {
    Checks.require(
        validationSplit == 0 || split == null,
        "validation_split",
        validationSplit,
        "unset when a three-way split is given");
    if (validationSplit > 0) {
      Checks.require(
          seed != null,
          "seed",
          "None",
          "a seed with validation_split, as Keras requires, so both parts use the same split");
      Checks.require(
          !single || part == Subset.TRAIN || part == Subset.VALIDATION,
          "subset",
          part,
          "TRAIN or VALIDATION with validation_split (or buildSplits() for both)");
    }
    if (single && part == null && (validationSplit > 0 || split != null)) {
      throw new IllegalArgumentException(
          Checks.message("subset", "None", "TRAIN, VALIDATION or TEST with a split"));
    }
  }

  private ImageDataset open(@Nullable Subset part) throws IOException {
    long s = seed == null ? 0 : seed;
    Source source =
        switch (kind) {
          case DIRECTORY -> folder(part, s);
          case TFRECORD -> {
            TfRecordOptions.Builder b =
                TfRecordOptions.builder(locations).maxSampleBytes(maxImageBytes).counting(counting);
            if (classNames != null) {
              b.labelNames(classNames);
            }
            yield TfRecordSource.open(b.build());
          }
          case PARQUET -> ParquetSources.open(locations, maxImageBytes, classNames);
        };
    try {
      int classes = source.labelNames().size();
      Checks.require(
          labelMode != LabelMode.BINARY || classes == 2,
          "label_mode",
          "binary",
          "exactly 2 classes, found "
              + classes
              + " "
              + source.labelNames()
              + ": use CATEGORICAL or INT");
      Augmentation.Builder b = Augmentation.builder().add(sizing()).filter(filter);
      if (augmentation != null) {
        augmentation.addTo(b);
      }
      String name = part == null ? "dataset" : "dataset-" + part.name().toLowerCase(Locale.ROOT);
      return new ImageDataset(
          source,
          b.build(),
          new DatasetShape(
              name,
              height,
              width,
              channels,
              channelsFirst,
              batchSize,
              shuffle,
              workers,
              s,
              labelMode,
              maxImageBytes));
    } catch (RuntimeException e) {
      try {
        source.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Operation sizing() {
    if (cropToAspectRatio) {
      double ratio = (double) width / height;
      return new RandomResizedCrop(height, width, 1, 1, ratio, ratio);
    }
    return padToAspectRatio ? new ResizeWithPad(height, width) : new Resize(height, width);
  }

  private Source folder(@Nullable Subset part, long s) throws IOException {
    String root = locations.getFirst();
    FolderOptions.Builder options =
        FolderOptions.builder(root).maxSampleBytes(maxImageBytes).followLinks(followLinks);
    if (validationSplit > 0 && part != null) {
      options.split(new SplitFractions(1 - validationSplit, validationSplit, 0, s), part);
    } else if (split != null && part != null) {
      options.split(split, part);
    } else if (part != null) {
      options.subset(part);
    }
    FolderSource source = FolderSource.open(options.build());
    try {
      if (labels != null) {
        return givenLabels(source, root);
      }
      if (classNames != null) {
        return reordered(source, classNames);
      }
      return source;
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private Source givenLabels(FolderSource part, String root) throws IOException {
    List<Integer> given = labels;
    Checks.require(given != null, "labels", null, "a list");
    if (hasLayout()) {
      throw new IllegalArgumentException(
          Checks.message(
              "labels",
              "a list",
              "inferred labels for the train/ val/ test/ layout: given labels are for a plain"
                  + " folder"));
    }
    Map<String, Integer> index = new HashMap<>();
    int classes = 0;
    try (FolderSource all =
        FolderSource.open(FolderOptions.builder(root).followLinks(followLinks).build())) {
      long n = all.sampleCount().orElseThrow();
      Checks.require(
          given.size() == n,
          "labels",
          given.size() + " values",
          "one per image: " + n + " images in " + root);
      for (int i = 0; i < n; i++) {
        index.put(all.file(i), i);
        int label = given.get(i);
        Checks.require(label >= 0, "labels[" + i + "]", label, ">= 0");
        classes = Math.max(classes, label + 1);
      }
    }
    List<String> names = new ArrayList<>();
    if (classNames != null) {
      Checks.require(
          classNames.size() >= classes,
          "class_names",
          classNames,
          "at least " + classes + " names for the given labels");
      names.addAll(classNames);
    } else {
      for (int c = 0; c < classes; c++) {
        names.add(Integer.toString(c));
      }
    }
    long n = part.sampleCount().orElseThrow();
    long[] byId = new long[Math.toIntExact(n)];
    for (int id = 0; id < byId.length; id++) {
      byId[id] = given.get(index.get(part.file(id)));
    }
    return RelabeledSource.bySampleId(part, names, byId);
  }

  private static Source reordered(Source source, List<String> names) {
    List<String> found = source.labelNames();
    Checks.require(
        new HashSet<>(names).equals(new HashSet<>(found)),
        "class_names",
        names,
        "exactly the class folders' names " + found);
    long[] order = new long[found.size()];
    for (int old = 0; old < order.length; old++) {
      order[old] = names.indexOf(found.get(old));
    }
    return RelabeledSource.byLabel(source, names, order);
  }

  private Path root() {
    return Path.of(locations.getFirst());
  }

  private boolean hasLayout() {
    Path root = root();
    return Files.isDirectory(root.resolve("train"))
        && (Files.isDirectory(root.resolve("val"))
            || Files.isDirectory(root.resolve("validation")));
  }

  private void requireKind(Kind wanted, String argument, String value, String instead) {
    if (kind != wanted) {
      throw new IllegalArgumentException(
          Checks.message(
              argument,
              value,
              "not supported for " + kind.name().toLowerCase(Locale.ROOT) + " files: " + instead));
    }
  }

  private static void closeQuietly(ImageDataset dataset, Throwable failure) {
    try {
      dataset.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
