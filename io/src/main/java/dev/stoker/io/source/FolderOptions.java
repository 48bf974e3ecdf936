package dev.stoker.io.source;

import dev.stoker.core.Checks;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.Storages;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How to read a folder of images, one sub-folder per class: {@code root/<class>/<file>}, or {@code
 * root/train|val|test/<class>/<file>}.
 *
 * <pre>{@code
 * FolderOptions options = FolderOptions.builder("/data/flowers")
 *     .split(SplitFractions.standard(42), Subset.TRAIN)
 *     .build();
 * }</pre>
 *
 * @param root the dataset's root folder
 * @param storage where the folder lives
 * @param extensions the file extensions read, lower case, without dots; others are ignored
 * @param subset which part to read, or null for all of it (required for the {@code train/ val/
 *     test/} layout and for a {@code split})
 * @param split the seeded split by fractions, or null
 * @param maxSampleBytes the largest file accepted; a larger one is a bad sample
 * @param retry how storage calls are retried after a transient failure ({@link RetryPolicy})
 * @param followLinks whether the walk below a class folder descends into symbolically linked
 *     folders; see {@link Builder#followLinks}
 */
public record FolderOptions(
    String root,
    Storage storage,
    Set<String> extensions,
    @Nullable Subset subset,
    @Nullable SplitFractions split,
    long maxSampleBytes,
    RetryPolicy retry,
    boolean followLinks) {
  /** The extensions read unless told otherwise: JPEG, PNG, BMP and GIF, as Keras. */
  public static final Set<String> DEFAULT_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

  /** The default {@link #maxSampleBytes}: 64 MiB. */
  public static final long DEFAULT_MAX_SAMPLE_BYTES = 64L << 20;

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException when an option is out of range or a split lacks a subset
   */
  public FolderOptions {
    Checks.require(retry != null, "retry", retry, "non-null");
    Checks.require(root != null && !root.isEmpty(), "root", root, "a folder");
    Checks.require(storage != null, "storage", storage, "non-null");
    Checks.require(
        extensions != null && !extensions.isEmpty(), "extensions", extensions, "at least one");
    extensions = Set.copyOf(extensions);
    Checks.require(
        split == null || subset != null,
        "subset",
        subset,
        "TRAIN, VALIDATION or TEST with a split");
    Checks.positive("maxSampleBytes", maxSampleBytes);
  }

  /**
   * Starts options for a root folder, with every other option at its default.
   *
   * @param root the dataset's root folder
   * @return a builder
   */
  public static Builder builder(String root) {
    return new Builder(root);
  }

  /** Builds {@link FolderOptions}. Not thread-safe. */
  public static final class Builder {
    private final String root;
    private @Nullable Storage storage;
    private Set<String> extensions = DEFAULT_EXTENSIONS;
    private @Nullable Subset subset;
    private @Nullable SplitFractions split;
    private long maxSampleBytes = DEFAULT_MAX_SAMPLE_BYTES;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private boolean followLinks = true;

    private Builder(String root) {
      this.root = root;
    }

    /**
     * Sets where the folder lives. Default: the one {@link Storages#forLocation} picks for the root
     * (a plain path is {@link LocalStorage}).
     *
     * @param storage the storage
     * @return this builder
     */
    public Builder storage(Storage storage) {
      this.storage = storage;
      return this;
    }

    /**
     * Sets the file extensions read, case-insensitive, without dots.
     *
     * @param extensions the extensions
     * @return this builder
     */
    public Builder extensions(List<String> extensions) {
      Set<String> lower = new TreeSet<>();
      for (String e : extensions) {
        lower.add(e.toLowerCase(Locale.ROOT));
      }
      this.extensions = lower;
      return this;
    }

    /**
     * Reads one part of a dataset laid out as {@code root/train|val|test/<class>/<file>}.
     *
     * @param subset the part
     * @return this builder
     */
    public Builder subset(Subset subset) {
      this.subset = subset;
      return this;
    }

    /**
     * Reads one part of a seeded split by fractions.
     *
     * @param split the fractions and seed
     * @param subset the part
     * @return this builder
     */
    public Builder split(SplitFractions split, Subset subset) {
      this.split = split;
      this.subset = subset;
      return this;
    }

    /**
     * Sets the largest file accepted.
     *
     * @param bytes the limit
     * @return this builder
     */
    public Builder maxSampleBytes(long bytes) {
      this.maxSampleBytes = bytes;
      return this;
    }

    /**
     * Sets how storage calls are retried after a transient failure (a reset connection, a timeout);
     * when the last attempt fails the sample is reported as bad, naming the attempt count, and the
     * error policy decides. Default: {@link RetryPolicy#DEFAULT}.
     *
     * @param policy the policy; {@link RetryPolicy#NONE} for no retries
     * @return this builder
     */
    public Builder retry(RetryPolicy policy) {
      this.retry = policy;
      return this;
    }

    /**
     * Sets whether symbolically linked folders below a class folder are read (Keras' {@code
     * follow_links}). Default {@code true}: the walk reads through every link. With {@code false}
     * it does what Keras 3 does: a linked folder inside a class folder is not entered, while linked
     * files are read and a class folder that is itself a link (or the root, or a {@code train/}
     * folder) is still a class folder. Links are told apart by the storage ({@link
     * dev.stoker.io.storage.StorageEntry#link()}); a storage that reports none follows all.
     *
     * @param follow false to leave linked sub-folders out
     * @return this builder
     */
    public Builder followLinks(boolean follow) {
      this.followLinks = follow;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException when an option is invalid
     */
    public FolderOptions build() {
      return new FolderOptions(
          root,
          storage != null ? storage : Storages.forLocation(root),
          extensions,
          subset,
          split,
          maxSampleBytes,
          retry,
          followLinks);
    }
  }
}
