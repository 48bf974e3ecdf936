package dev.stoker.io.source;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.EpochPlan;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.RetryingStorage;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordException;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Images in TFRecord shards of {@code tf.train.Example}s, with the image in a bytes feature and the
 * label in an int64 feature ({@link TfRecordOptions#imageKey()}, {@link
 * TfRecordOptions#labelKey()}; by default {@code image/encoded} and {@code image/class/label}, as
 * TensorFlow's ImageNet conversion script writes them).
 *
 * <p><b>Three modes</b>, chosen when the source opens:
 *
 * <ul>
 *   <li><b>Indexed</b>: every shard is uncompressed and has a DALI index file ({@code <shard>.idx},
 *       checked to cover the shard exactly, at open or, when a manifest gave the counts, when a
 *       stream first needs the shard). The source is random-access: epochs are permutations of all
 *       records ({@link EpochPlan.Mode#SAMPLES}), sharding over ranks is exact per record, and a
 *       damaged record is one bad sample that the stream reads past, since the index says where the
 *       next one starts.
 *   <li><b>Sequential</b>: otherwise. The source counts each shard's records when it opens, unless
 *       a conversion's manifest gives the count (for an uncompressed shard by walking the frame
 *       headers, 64 KiB per read, so a shard of small records costs one read; for a GZIP or ZLIB
 *       shard by inflating it once), then plans epochs as a permutation of shards read {@link
 *       TfRecordOptions#cycle()} at a time, interleaved record by record ({@link
 *       EpochPlan.Mode#UNITS}; see there for what this guarantees about shuffling). Within a shard,
 *       records come in file order. Damage inside a shard ends that shard for the stream: the
 *       damaged record and every later planned record of that shard are reported as bad samples
 *       (nothing is read past the damage), while the other shards go on.
 *   <li><b>Uncounted</b>: with {@link TfRecordOptions.Counting#NONE}, as {@code
 *       tf.data.TFRecordDataset(files).shard(n, r)} reads. The open only expands the globs (one
 *       call each; plain locations are taken as given): no shard, index or manifest is read, and
 *       {@link #sampleCount()} is empty. A stream reads its rank's share of the epoch's permutation
 *       of shards ({@link EpochPlan#unitOrder}, keyed by seed and epoch; file order with {@link
 *       EpochOrder#IN_ORDER}, one shard after the other), {@code cycle} at a time, interleaved
 *       record by record: the same order the sequential mode plans from its counts. Its {@link
 *       SampleStream#size()} is {@link SampleStream#UNKNOWN_SIZE}: the end shows when {@code
 *       next()} returns false. Damage inside a shard (a bad frame header, a truncation, damage in a
 *       compressed stream, a shard that is missing or unreadable after the retries) is one bad
 *       sample naming the shard, the offset and "the rest of the shard is not read"; the next shard
 *       takes its place.
 * </ul>
 *
 * <p><b>Uncounted sharding and ids.</b> The epoch's permutation of {@code S} shards is cut into
 * {@code worldSize} contiguous runs of {@link Sharding#perRank}{@code (S)} shards: shares are equal
 * in <em>shards</em>, not records, so ranks read as many records as their shards hold, and
 * collective operations must not assume equal steps (uneven shards make uneven ranks). {@link
 * Sharding.Remainder#PAD} wraps the last runs around to the first shards of the permutation (those
 * are read twice in the epoch); {@link Sharding.Remainder#DROP} leaves the last {@code S mod
 * worldSize} shards of the permutation out (and a rank with no shard reads nothing). Sample ids are
 * {@code shard << 32 | record} (the shard's index in the expanded list, the record's number in it;
 * at most 2^31 - 1 shards and 2^32 records per shard): stable across runs and epochs and unique,
 * but sparse, so nothing may index an array by them. A {@code new Cursor(seed, epoch, position)}
 * reopens exactly there: the stream's first {@code next()} replays the interleave up to the
 * position, walking uncompressed shards' frame headers (64 KiB per read, no payload read or copied)
 * and inflating compressed ones, then reads on; a position past the share fails there with {@link
 * IllegalArgumentException}. A record whose header is sound but whose payload fails its checksum in
 * an uncompressed shard is one bad sample, and the shard goes on at the next frame, which the
 * header says where to find; so the header walk of a replay, which reads no payload, steps exactly
 * as the full read did. Choose it when the open must not wait for counts (many shards on a remote
 * store, no manifest) and ranks may read unequal record counts; otherwise write a manifest ({@code
 * tfrecord-convert}, {@code stoker index --manifest}) and keep {@link
 * TfRecordOptions.Counting#UP_FRONT}.
 *
 * <p>Sample ids of the counted modes number the records of all shards in order; positions are byte
 * offsets of the record's header in the (uncompressed) stream. Bad samples: a damaged frame (length
 * or data checksum, truncation, a record over {@link TfRecordOptions#maxSampleBytes()}, all checked
 * before the payload is allocated), an Example that does not parse, a missing feature or one of the
 * wrong kind. Errors at open, naming the file and reason: a missing or denied shard, a glob
 * matching nothing, a stale or malformed index read at open, damage found while counting, no
 * records at all.
 *
 * <p><b>What opening costs.</b> Exact sharding over ranks and dense sample ids need every shard's
 * record count before the first sample. With {@link TfRecordOptions.Counting#UP_FRONT} (the
 * default) the open learns them as cheaply as the dataset allows, in storage calls (each costs a
 * remote store's latency {@code L}):
 *
 * <ol>
 *   <li>One listing per shard directory (when a glob points into it, or at least 16 named shards
 *       do) gives every shard's size and shows which index files exist, so no shard is asked its
 *       size and no missing index is probed for.
 *   <li><b>With a conversion's {@code manifest.json}</b> in that directory ({@code
 *       tfrecord-convert} and its Spark job write it last, once every shard is committed; {@code
 *       stoker index --manifest} writes one for shards from elsewhere), each shard the manifest
 *       lists at its listed size takes its count from there: the open reads that one file and no
 *       shard and no index, a constant number of calls (glob, listing, manifest) whatever the
 *       number of shards. In indexed mode a stream reads a shard's index when it first needs the
 *       shard (two calls, then cached in the source for every later stream), so the first sample
 *       costs a few more calls and the rest of the indexes load as the epoch reaches their shards.
 *       The price: a stale or damaged index is found then, not at open, and makes that shard's
 *       samples bad samples naming the index (the error policy decides). A manifest another tool
 *       wrote, a malformed one or one over 64 MiB is not used ({@link
 *       TfRecordOptions#useManifest()} turns it off).
 *   <li><b>Otherwise</b> each shard costs two calls, {@value #OPEN_THREADS} shards at a time on
 *       virtual threads: its index is opened and read in one read, or, without an index, an
 *       uncompressed shard's frame headers are walked (64 KiB per read, so a shard of small records
 *       is one read) and a GZIP or ZLIB shard is inflated once in full (its size in bandwidth). The
 *       open then takes about {@code 2 L × shards / 16}: it still grows with the number of shards,
 *       and that is the price of exact per-record sharding and dense ids without a manifest, or of
 *       {@link TfRecordOptions.Counting#NONE}'s start at once: glob, then the first shard's open
 *       and read, 3 calls whatever the number of shards.
 * </ol>
 *
 * <p>Measured by {@code FirstSampleHarness} in this module's tests, 1,000 shards of 4 records
 * behind 20 ms per call, from {@code open} to the first sample: with the manifest 0.3–0.4 s (6
 * calls without indexes, 9 with); without it about 3 s (2,004 and 2,005 calls); before the listing
 * and the manifest, 4.5–6.1 s without indexes and 6.7–9.2 s with them (3,003 and 4,004 calls).
 * Uncounted ({@link TfRecordOptions.Counting#NONE}): 0.07–0.09 s (3 calls), against 3.1–3.9 s
 * counted without the manifest in the same runs; on local disk 0.004–0.14 s against 0.11–0.64 s
 * (both on a loaded machine).
 *
 * <p><b>Ownership and threading.</b> See {@link Source}. The source holds the shard list, counts
 * and index offsets on the heap and no file open. A stream holds up to {@code cycle} (sequential,
 * uncounted) or 8 (indexed) shard readers open, each with its own off-heap read buffer in a shared
 * arena that the stream frees on close.
 */
public final class TfRecordSource implements Source {
  private static final int INDEXED_OPEN_READERS = 8;

  private final TfRecordOptions options;
  private final Storage storage;
  private final List<String> shards;
  private final long[] sizes;
  private final long[] indexSizes;
  private final long[] counts;

  /**
   * Per shard, its index's record offsets in indexed mode (null in sequential mode). An entry is
   * null until read when the count came from the manifest: the index is then read when a stream
   * first needs the shard.
   */
  private final @Nullable AtomicReferenceArray<long @Nullable []> offsets;

  private final long total;
  private volatile boolean closed;

  private TfRecordSource(
      TfRecordOptions options,
      List<String> shards,
      long[] sizes,
      long[] indexSizes,
      long[] counts,
      @Nullable AtomicReferenceArray<long @Nullable []> offsets) {
    this.options = options;
    this.storage = RetryingStorage.wrap(options.storage(), options.retry());
    this.shards = List.copyOf(shards);
    this.sizes = sizes;
    this.indexSizes = indexSizes;
    this.counts = counts;
    this.offsets = offsets;
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    this.total = sum;
  }

  /**
   * Finds the shards and their indexes, counts records and opens the source; with {@link
   * TfRecordOptions.Counting#NONE} only expands the globs.
   *
   * @param options the shards and features
   * @return the source, which the caller closes
   * @throws IOException when a shard is missing or unreadable, a glob matches nothing, an index is
   *     stale or malformed, counting finds damage, or there are no records; the message names the
   *     file. Uncounted, only when a glob matches nothing or its directory cannot be read: the rest
   *     shows as bad samples when a stream reaches the shard
   */
  public static TfRecordSource open(TfRecordOptions options) throws IOException {
    Storage storage = RetryingStorage.wrap(options.storage(), options.retry());
    if (options.counting() == TfRecordOptions.Counting.NONE) {
      // Globs expand (one call each); plain locations are taken as given and found, or reported
      // missing, when a stream reaches them. No shard, index or manifest is read.
      List<String> shards = Shards.resolve(storage, options.files(), false);
      long[] none = new long[0];
      return new TfRecordSource(options, shards, none, none, none, null);
    }
    List<ShardListing.Shard> listed =
        ShardListing.resolve(storage, options.files(), options.indexSuffix());
    Map<String, ConversionManifest> manifests = new HashMap<>();
    if (options.useManifest()) {
      for (ShardListing.Shard shard : listed) {
        StorageEntry m = shard.manifest();
        if (m != null && !manifests.containsKey(m.location())) {
          manifests.put(m.location(), ConversionManifest.read(storage, m.location(), m.size()));
        }
      }
    }
    boolean indexable = options.useIndexes() && options.compression() == TfRecordCompression.NONE;
    // One task per shard, OPEN_THREADS at a time: each takes what the listing and the manifest
    // already say, and asks the storage only for the rest (the size, the index, or a count).
    List<ShardFacts> facts =
        OpenTasks.run(
            listed,
            shard -> {
              StorageEntry m = shard.manifest();
              ConversionManifest manifest = m == null ? null : manifests.get(m.location());
              return facts(storage, options, indexable, shard, manifest);
            });
    boolean everyIndex = indexable && facts.stream().allMatch(ShardFacts::hasIndex);
    List<String> shards = new ArrayList<>(listed.size());
    long[] sizes = new long[listed.size()];
    long[] indexSizes = new long[listed.size()];
    long[] counts = new long[listed.size()];
    AtomicReferenceArray<long @Nullable []> offsets =
        everyIndex ? new AtomicReferenceArray<>(listed.size()) : null;
    for (int i = 0; i < counts.length; i++) {
      ShardFacts f = facts.get(i);
      if (offsets != null) {
        IOException indexError = f.indexError;
        if (indexError != null) {
          throw indexError;
        }
        offsets.set(i, f.offsets);
      }
      shards.add(listed.get(i).location());
      sizes[i] = f.size;
      indexSizes[i] = f.indexSize;
      counts[i] = f.count;
    }
    TfRecordSource source = new TfRecordSource(options, shards, sizes, indexSizes, counts, offsets);
    if (source.total == 0) {
      throw new IOException(
          String.join(", ", shards) + ": the dataset is empty (expected: at least one record)");
    }
    return source;
  }

  /** How many shards are sized, indexed or counted at once while the source opens. */
  static final int OPEN_THREADS = OpenTasks.THREADS;

  /**
   * What the open learned about one shard: its size and record count; whether it has an index file,
   * and the index's offsets (null when the count came from the manifest, so the index is read
   * later) or the reason the index is unusable. Index facts are used only when every shard has one.
   */
  private static final class ShardFacts {
    final long size;
    final long count;

    /** The index file's listed size; -1 without an index file, -2 when it was read or is bad. */
    final long indexSize;

    final long @Nullable [] offsets;
    final @Nullable IOException indexError;

    ShardFacts(
        long size,
        long count,
        long indexSize,
        long @Nullable [] offsets,
        @Nullable IOException indexError) {
      this.size = size;
      this.count = count;
      this.indexSize = indexSize;
      this.offsets = offsets;
      this.indexError = indexError;
    }

    boolean hasIndex() {
      return indexSize != -1;
    }
  }

  private static ShardFacts facts(
      Storage storage,
      TfRecordOptions options,
      boolean indexable,
      ShardListing.Shard shard,
      @Nullable ConversionManifest manifest)
      throws IOException {
    String location = shard.location();
    long size = shard.size() >= 0 ? shard.size() : storage.size(location);
    ConversionManifest.Entry entry = manifest == null ? null : manifest.shard(shard.name());
    // The manifest's count holds only for the shard it described: the same size at least.
    long known = entry != null && entry.bytes() == size ? entry.count() : -1;
    IOException indexError = null;
    if (indexable && !Boolean.FALSE.equals(shard.hasIndex())) {
      StorageEntry listedIndex = shard.index();
      if (known >= 0 && listedIndex != null) {
        return new ShardFacts(size, known, listedIndex.size(), null, null);
      }
      String index = location + options.indexSuffix();
      try {
        long[] offsets =
            listedIndex != null
                ? IndexFile.readListed(storage, index, listedIndex.size(), location, size)
                : IndexFile.read(storage, index, location, size);
        return new ShardFacts(size, offsets.length, -2, offsets, null);
      } catch (NoSuchFileException e) {
        if (!index.equals(e.getFile())) {
          indexError = e;
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        indexError = e;
      }
    }
    long count = known >= 0 ? known : count(storage, options, location);
    return new ShardFacts(size, count, indexError != null ? -2 : -1, null, indexError);
  }

  private static long count(Storage storage, TfRecordOptions options, String shard)
      throws IOException {
    if (options.compression() == TfRecordCompression.NONE) {
      try (RandomReader reader = storage.openRandom(shard)) {
        return FrameWalk.count(reader, shard);
      }
    }
    TfRecordReaderOptions counting =
        readerOptions(options, shard).toBuilder().verifyDataCrc(false).build();
    long n = 0;
    try (TfRecordReader reader = TfRecordReader.open(storage.openSequential(shard), counting)) {
      while (reader.next()) {
        n++;
      }
    }
    return n;
  }

  private static TfRecordReaderOptions readerOptions(TfRecordOptions options, String shard) {
    return TfRecordReaderOptions.builder()
        .compression(options.compression())
        .maxRecordLength(options.maxSampleBytes())
        .sourceName(shard)
        .build();
  }

  @Override
  public String name() {
    return shards.get(0);
  }

  @Override
  public List<String> labelNames() {
    return options.labelNames();
  }

  @Override
  public OptionalLong sampleCount() {
    return counted() ? OptionalLong.of(total) : OptionalLong.empty();
  }

  /** Whether the open learned every shard's record count ({@link TfRecordOptions.Counting}). */
  private boolean counted() {
    return options.counting() == TfRecordOptions.Counting.UP_FRONT;
  }

  /**
   * Returns a shard's record offsets, reading its index file the first time when its count came
   * from the manifest. Thread-safe: streams that race read the index twice and keep one copy.
   */
  private long[] offsets(int shard) throws IOException {
    AtomicReferenceArray<long @Nullable []> all = Objects.requireNonNull(offsets);
    long[] known = all.get(shard);
    if (known != null) {
      return known;
    }
    String location = shards.get(shard);
    String index = location + options.indexSuffix();
    long[] read = IndexFile.readListed(storage, index, indexSizes[shard], location, sizes[shard]);
    if (read.length != counts[shard]) {
      throw new IOException(
          index
              + ": lists "
              + read.length
              + " records (expected: "
              + counts[shard]
              + ", the count in "
              + ConversionManifest.FILE_NAME
              + "): the index or the manifest is stale");
    }
    all.compareAndSet(shard, null, read);
    return Objects.requireNonNull(all.get(shard));
  }

  @Override
  public boolean isRandomAccess() {
    return offsets != null;
  }

  /**
   * Returns how many records each shard holds, in shard order.
   *
   * @return a copy of the counts
   * @throws IllegalStateException when the source was opened with {@link
   *     TfRecordOptions.Counting#NONE}
   */
  public long[] recordCounts() {
    if (!counted()) {
      throw new IllegalStateException(
          name() + ": counting=NONE (expected: UP_FRONT for the record counts)");
    }
    return counts.clone();
  }

  @Override
  public SampleStream open(Cursor cursor, Sharding sharding, EpochOrder order) {
    return open(cursor, sharding, order, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here that is each open shard reader's frame buffer: at least {@code readSize} (256 KiB), up
   * to one frame of {@link TfRecordOptions#maxSampleBytes()}, for each of up to {@code cycle}
   * readers (8 with index files). Without a budget each reader has one of its own.
   */
  @Override
  public SampleStream open(
      Cursor cursor, Sharding sharding, EpochOrder order, @Nullable MemoryBudget budget) {
    if (closed) {
      throw new IllegalStateException(name() + ": source is closed");
    }
    if (!counted()) {
      // In order, one shard after the other, so that sample ids ascend as with counts.
      return new UncountedShardStream(
          shards,
          storage,
          options,
          budget,
          share(cursor, sharding, order),
          order == EpochOrder.IN_ORDER ? 1 : options.cycle(),
          cursor.position());
    }
    boolean random = offsets != null;
    EpochPlan plan =
        order == EpochOrder.IN_ORDER
            ? EpochPlan.inOrder(counts, sharding)
            : EpochPlan.build(
                counts,
                random ? EpochPlan.Mode.SAMPLES : EpochPlan.Mode.UNITS,
                options.cycle(),
                false,
                cursor.seed(),
                cursor.epoch(),
                sharding);
    return random
        ? new IndexedStream(plan, cursor.position(), budget)
        : new SequentialStream(plan, cursor.position(), budget);
  }

  /**
   * Returns this rank's shards of an uncounted epoch, in reading order: the epoch's permutation of
   * shards (file order {@link EpochOrder#IN_ORDER}) cut into {@code worldSize} contiguous runs of
   * {@link Sharding#perRank} shards, wrapping around to the start of the permutation with {@link
   * Sharding.Remainder#PAD}.
   */
  private int[] share(Cursor cursor, Sharding sharding, EpochOrder order) {
    int n = shards.size();
    int[] all =
        order == EpochOrder.IN_ORDER
            ? IntStream.range(0, n).toArray()
            : EpochPlan.unitOrder(n, cursor.seed(), cursor.epoch());
    int per = (int) sharding.perRank(n);
    long first = (long) sharding.rank() * per;
    int[] mine = new int[per];
    for (int p = 0; p < per; p++) {
      mine[p] = all[(int) ((first + p) % n)];
    }
    return mine;
  }

  @Override
  public void close() {
    closed = true;
  }

  /** What both streams share: open readers by shard, and parsing the Example. */
  private abstract class TfStream extends PlannedStream {
    final EpochPlan plan;
    final Map<Integer, TfRecordReader> readers = new LinkedHashMap<>(16, 0.75f, true);
    private final @Nullable MemoryBudget budget;
    private final ImageExample example = new ImageExample(options);

    TfStream(EpochPlan plan, long start, @Nullable MemoryBudget budget) {
      super(plan, start);
      this.plan = plan;
      this.budget = budget;
    }

    TfRecordReader reader(int shard, int keep, boolean fresh) throws IOException {
      TfRecordReader reader = readers.get(shard);
      if (reader != null && !fresh) {
        return reader;
      }
      if (reader != null) {
        readers.remove(shard);
        reader.close();
      }
      if (readers.size() >= keep) {
        Iterator<TfRecordReader> eldest = readers.values().iterator();
        TfRecordReader evicted = eldest.next();
        eldest.remove();
        evicted.close();
      }
      String location = shards.get(shard);
      TfRecordReaderOptions ro =
          readerOptions(options, location).toBuilder().memoryBudget(budget).build();
      reader =
          offsets != null
              ? TfRecordReader.open(new RandomReaderChannel(storage.openRandom(location)), ro)
              : TfRecordReader.open(storage.openSequential(location), ro);
      readers.put(shard, reader);
      return reader;
    }

    /** Parses the current record of {@code reader} and makes it the current sample. */
    void parse(long id, TfRecordReader reader) throws SampleReadException {
      try {
        example.parse(reader.record());
      } catch (ImageExample.Unusable e) {
        throw bad(id, reader.source(), reader.offset(), e.getMessage(), e.getCause());
      }
      set(
          id,
          example.label(),
          example.image(),
          reader.source(),
          SamplePosition.offset(reader.offset()));
    }

    /**
     * Reports a sample that the storage could not deliver, after its retries, as a bad sample the
     * stream reads past (the error policy decides), and closes the shard's reader, whose state is
     * unknown.
     */
    SampleReadException unreadable(long id, int shard, long offset, IOException e) {
      SampleReadException bad =
          bad(id, shards.get(shard), offset, "unreadable: " + e.getMessage(), e);
      TfRecordReader broken = readers.remove(shard);
      if (broken != null) {
        try {
          broken.close();
        } catch (IOException | RuntimeException closing) {
          bad.addSuppressed(closing);
        }
      }
      return bad;
    }

    @Override
    void release() throws IOException {
      IOException failure = null;
      for (TfRecordReader reader : readers.values()) {
        try {
          reader.close();
        } catch (IOException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      readers.clear();
      if (failure != null) {
        throw failure;
      }
    }
  }

  private final class IndexedStream extends TfStream {
    IndexedStream(EpochPlan plan, long start, @Nullable MemoryBudget budget) {
      super(plan, start, budget);
    }

    @Override
    void load(long id) throws IOException {
      int shard = plan.unitOf(id);
      int record = (int) (id - plan.unitStart(shard));
      long offset = 0;
      TfRecordReader reader;
      try {
        offset = offsets(shard)[record];
        reader = reader(shard, INDEXED_OPEN_READERS, false);
        if (!reader.readAt(offset, record)) {
          throw bad(id, shards.get(shard), offset, "the file ends at the indexed offset", null);
        }
      } catch (TfRecordException e) {
        throw new SampleReadException(
            new SampleError(
                shards.get(shard), SamplePosition.offset(e.offset()), e.getMessage(), e),
            id,
            true);
      } catch (SampleReadException e) {
        throw e;
      } catch (IOException e) {
        throw unreadable(id, shard, offset, e);
      }
      parse(id, reader);
    }
  }

  private final class SequentialStream extends TfStream {
    /** Per open shard: the index of the record its reader returns next. */
    private final Map<Integer, Long> nextRecord = new HashMap<>();

    /** Per damaged shard: the damage, and the first record index it made unreadable. */
    private final Map<Integer, TfRecordException> damage = new HashMap<>();

    SequentialStream(EpochPlan plan, long start, @Nullable MemoryBudget budget) {
      super(plan, start, budget);
    }

    @Override
    void load(long id) throws IOException {
      int shard = plan.unitOf(id);
      long record = id - plan.unitStart(shard);
      TfRecordException known = damage.get(shard);
      if (known != null && record >= known.recordIndex()) {
        throw new SampleReadException(
            new SampleError(
                shards.get(shard),
                SamplePosition.offset(known.offset()),
                "not read: record "
                    + record
                    + " lies past damage in a shard without an index ("
                    + known.getMessage()
                    + ")",
                known),
            id,
            true);
      }
      Long next = readers.containsKey(shard) ? nextRecord.get(shard) : null;
      boolean fresh = next == null || next > record;
      TfRecordReader reader;
      try {
        reader = reader(shard, options.cycle(), fresh);
      } catch (IOException e) {
        throw unreadable(id, shard, 0, e);
      }
      long at = fresh ? 0 : next;
      try {
        while (at <= record) {
          if (!reader.next()) {
            throw bad(
                id,
                shards.get(shard),
                0,
                "the shard ended before record " + record + " (it changed since it was counted)",
                null);
          }
          at++;
        }
      } catch (TfRecordException e) {
        damage.put(shard, e);
        readers.remove(shard);
        nextRecord.remove(shard);
        reader.close();
        throw new SampleReadException(
            new SampleError(
                shards.get(shard), SamplePosition.offset(e.offset()), e.getMessage(), e),
            id,
            true);
      } catch (SampleReadException e) {
        throw e;
      } catch (IOException e) {
        // The storage failed for good (after its retries): the reader is in an unknown state, so
        // the next record of this shard reopens it and reads up to there again.
        nextRecord.remove(shard);
        throw unreadable(id, shard, reader.offset(), e);
      }
      nextRecord.put(shard, at);
      parse(id, reader);
    }
  }

  private static SampleReadException bad(
      long id, String shard, long offset, String reason, @Nullable Throwable cause) {
    return new SampleReadException(
        new SampleError(shard, SamplePosition.offset(offset), reason, cause), id, true);
  }
}
