package dev.stoker.io.source;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochPlan;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.RetryingStorage;
import dev.stoker.io.storage.Storage;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordException;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureKey;
import dev.stoker.tfrecord.example.FeatureKind;
import dev.stoker.tfrecord.example.FeatureView;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Images in TFRecord shards of {@code tf.train.Example}s, with the image in a bytes feature and the
 * label in an int64 feature ({@link TfRecordOptions#imageKey()}, {@link
 * TfRecordOptions#labelKey()}; by default {@code image/encoded} and {@code image/class/label}, as
 * TensorFlow's ImageNet conversion script writes them).
 *
 * <p><b>Two modes</b>, chosen when the source opens:
 *
 * <ul>
 *   <li><b>Indexed</b>: every shard is uncompressed and has a DALI index file ({@code <shard>.idx},
 *       checked to cover the shard exactly). The source is random-access: epochs are permutations
 *       of all records ({@link EpochPlan.Mode#SAMPLES}), sharding over ranks is exact per record,
 *       and a damaged record is one bad sample that the stream reads past, since the index says
 *       where the next one starts.
 *   <li><b>Sequential</b>: otherwise. The source counts each shard's records when it opens (for an
 *       uncompressed shard by walking the frame headers, 64 KiB per read, so a shard of small
 *       records costs one read; for a GZIP or ZLIB shard by inflating it once), then plans epochs
 *       as a permutation of shards read {@link TfRecordOptions#cycle()} at a time, interleaved
 *       record by record ({@link EpochPlan.Mode#UNITS}; see there for what this guarantees about
 *       shuffling). Within a shard, records come in file order. Damage inside a shard ends that
 *       shard for the stream: the damaged record and every later planned record of that shard are
 *       reported as bad samples (nothing is read past the damage), while the other shards go on.
 * </ul>
 *
 * <p>Sample ids number the records of all shards in order; positions are byte offsets of the
 * record's header in the (uncompressed) stream. Bad samples: a damaged frame (length or data
 * checksum, truncation, a record over {@link TfRecordOptions#maxSampleBytes()}, all checked before
 * the payload is allocated), an Example that does not parse, a missing feature or one of the wrong
 * kind. Errors at open, naming the file and reason: a missing or denied shard, a glob matching
 * nothing, a stale or malformed index, damage found while counting, no records at all.
 *
 * <p><b>What opening costs.</b> Exact sharding over ranks and stable sample ids need every shard's
 * record count before the first sample, so the open asks each shard for its size and reads its
 * index file, or, without one, counts it, {@value #OPEN_THREADS} shards at a time on virtual
 * threads. On storage with a per-call latency {@code L} the open takes about {@code 3 L × shards /
 * 16} with index files (a few calls per shard: size, open and read the index) and about the same
 * without them for shards of small records; a GZIP or ZLIB shard is inflated once in full, which
 * costs its size in bandwidth. The trade-off: the time to the first sample still grows with the
 * number of shards, divided by the parallelism, and it is the price of exact per-record sharding
 * and of a damaged or stale shard failing at open rather than mid-epoch. Write index files (an
 * uncompressed shard's index is small and read in one call) to make the open cheapest. Measured by
 * {@code FirstSampleHarness} in this module's tests: 1,000 shards of 4 records behind 20 ms per
 * call, 4.1 s to the first sample without indexes (165 s with the former serial open) and 5.7 s
 * with them (132 s before).
 *
 * <p><b>Ownership and threading.</b> See {@link Source}. The source holds the shard list, counts
 * and index offsets on the heap and no file open. A stream holds up to {@code cycle} (sequential)
 * or 8 (indexed) shard readers open, each with its own off-heap read buffer in a shared arena that
 * the stream frees on close.
 */
public final class TfRecordSource implements Source {
  private static final int INDEXED_OPEN_READERS = 8;

  private final TfRecordOptions options;
  private final Storage storage;
  private final List<String> shards;
  private final long[] counts;
  private final long @Nullable [][] offsets;
  private final long total;
  private volatile boolean closed;

  private TfRecordSource(
      TfRecordOptions options, List<String> shards, long[] counts, long @Nullable [][] offsets) {
    this.options = options;
    this.storage = RetryingStorage.wrap(options.storage(), options.retry());
    this.shards = List.copyOf(shards);
    this.counts = counts;
    this.offsets = offsets;
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    this.total = sum;
  }

  /**
   * Finds the shards and their indexes, counts records and opens the source.
   *
   * @param options the shards and features
   * @return the source, which the caller closes
   * @throws IOException when a shard is missing or unreadable, a glob matches nothing, an index is
   *     stale or malformed, counting finds damage, or there are no records; the message names the
   *     file
   */
  public static TfRecordSource open(TfRecordOptions options) throws IOException {
    Storage storage = RetryingStorage.wrap(options.storage(), options.retry());
    List<String> shards = Shards.resolve(storage, options.files(), false);
    boolean indexable = options.useIndexes() && options.compression() == TfRecordCompression.NONE;
    // One task per shard, OPEN_THREADS at a time: each asks the shard's size and reads its index
    // if there is one, or else counts its records. On remote storage the open then takes a few
    // calls' latency times shards / OPEN_THREADS, where it took one call per record, serially.
    List<ShardFacts> facts = parallel(shards, shard -> facts(storage, options, indexable, shard));
    boolean everyIndex = indexable && facts.stream().allMatch(f -> f.hasIndex());
    long[] counts = new long[shards.size()];
    long[][] offsets = everyIndex ? new long[shards.size()][] : null;
    for (int i = 0; i < counts.length; i++) {
      ShardFacts f = facts.get(i);
      if (offsets != null) {
        IOException indexError = f.indexError;
        if (indexError != null) {
          throw indexError;
        }
        offsets[i] = f.offsets;
      }
      counts[i] = f.count;
    }
    TfRecordSource source = new TfRecordSource(options, shards, counts, offsets);
    if (source.total == 0) {
      throw new IOException(
          String.join(", ", shards) + ": the dataset is empty (expected: at least one record)");
    }
    return source;
  }

  /** How many shards are sized, indexed or counted at once while the source opens. */
  static final int OPEN_THREADS = 16;

  /**
   * What the open learned about one shard: its record count, and its index's offsets, or the reason
   * its index file is unusable (used only when every shard has an index file).
   */
  private static final class ShardFacts {
    final long count;
    final long @Nullable [] offsets;
    final @Nullable IOException indexError;

    ShardFacts(long count, long @Nullable [] offsets, @Nullable IOException indexError) {
      this.count = count;
      this.offsets = offsets;
      this.indexError = indexError;
    }

    boolean hasIndex() {
      return offsets != null || indexError != null;
    }
  }

  private static ShardFacts facts(
      Storage storage, TfRecordOptions options, boolean indexable, String shard)
      throws IOException {
    long size = storage.size(shard);
    IOException indexError = null;
    if (indexable) {
      String index = shard + options.indexSuffix();
      try {
        long[] offsets = IndexFile.read(storage, index, shard, size);
        return new ShardFacts(offsets.length, offsets, null);
      } catch (NoSuchFileException e) {
        if (!index.equals(e.getFile())) {
          indexError = e;
        }
      } catch (IOException e) {
        indexError = e;
      }
    }
    return new ShardFacts(count(storage, options, shard), null, indexError);
  }

  @FunctionalInterface
  private interface ShardTask<T> {
    T run(String shard) throws IOException;
  }

  /**
   * Runs a task for every shard, {@link #OPEN_THREADS} at a time, and returns the results in shard
   * order. The first failure in shard order is thrown, the others are added to it as suppressed.
   */
  private static <T> List<T> parallel(List<String> shards, ShardTask<T> task) throws IOException {
    if (shards.size() == 1) {
      return List.of(task.run(shards.get(0)));
    }
    Semaphore permits = new Semaphore(OPEN_THREADS);
    List<Future<T>> futures = new ArrayList<>(shards.size());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String shard : shards) {
        futures.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    return task.run(shard);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<T> results = new ArrayList<>(shards.size());
      IOException failure = null;
      for (Future<T> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          IOException cause =
              e.getCause() instanceof IOException io
                  ? io
                  : new IOException(e.getCause().toString(), e.getCause());
          if (failure == null) {
            failure = cause;
            futures.forEach(f -> f.cancel(true));
          } else if (!(e.getCause() instanceof InterruptedIOException)) {
            failure.addSuppressed(cause);
          }
        } catch (CancellationException e) {
          // cancelled after an earlier failure
        } catch (InterruptedException e) {
          futures.forEach(f -> f.cancel(true));
          Thread.currentThread().interrupt();
          InterruptedIOException stop = new InterruptedIOException("interrupted while opening");
          stop.initCause(e);
          throw stop;
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    }
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
    return OptionalLong.of(total);
  }

  @Override
  public boolean isRandomAccess() {
    return offsets != null;
  }

  /**
   * Returns how many records each shard holds, in shard order.
   *
   * @return a copy of the counts
   */
  public long[] recordCounts() {
    return counts.clone();
  }

  @Override
  public SampleStream open(Cursor cursor, Sharding sharding) {
    return open(cursor, sharding, null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here that is each open shard reader's frame buffer: at least {@code readSize} (256 KiB), up
   * to one frame of {@link TfRecordOptions#maxSampleBytes()}, for each of up to {@code cycle}
   * readers (8 with index files). Without a budget each reader has one of its own.
   */
  @Override
  public SampleStream open(Cursor cursor, Sharding sharding, @Nullable MemoryBudget budget) {
    if (closed) {
      throw new IllegalStateException(name() + ": source is closed");
    }
    boolean random = offsets != null;
    EpochPlan plan =
        EpochPlan.build(
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

  @Override
  public void close() {
    closed = true;
  }

  /** What both streams share: open readers by shard, and parsing the Example. */
  private abstract class TfStream extends PlannedStream {
    final EpochPlan plan;
    final Map<Integer, TfRecordReader> readers = new LinkedHashMap<>(16, 0.75f, true);
    private final @Nullable MemoryBudget budget;
    private final ExampleReader example = new ExampleReader();
    private final FeatureView image = new FeatureView();
    private final FeatureView label = new FeatureView();
    private final FeatureKey imageKey = FeatureKey.of(options.imageKey());
    private final FeatureKey labelKey = FeatureKey.of(options.labelKey());

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
      String shard = reader.source();
      try {
        example.wrap(reader.record());
        if (!example.find(imageKey, image)) {
          throw bad(
              id,
              shard,
              reader.offset(),
              feature(options.imageKey(), "missing", "bytes_list"),
              null);
        }
        if (image.kind() != FeatureKind.BYTES_LIST || image.count() < 1) {
          throw bad(
              id,
              shard,
              reader.offset(),
              feature(
                  options.imageKey(),
                  image.kind() + " with " + image.count() + " values",
                  "bytes_list with a value"),
              null);
        }
        if (!example.find(labelKey, label)) {
          throw bad(
              id,
              shard,
              reader.offset(),
              feature(options.labelKey(), "missing", "int64_list"),
              null);
        }
        if (label.kind() != FeatureKind.INT64_LIST || label.count() < 1) {
          throw bad(
              id,
              shard,
              reader.offset(),
              feature(
                  options.labelKey(),
                  label.kind() + " with " + label.count() + " values",
                  "int64_list with a value"),
              null);
        }
      } catch (SampleReadException e) {
        throw e;
      } catch (IOException e) {
        throw bad(id, shard, reader.offset(), "not a valid tf.train.Example: " + e.getMessage(), e);
      }
      set(id, label.int64(0), image.bytes(0), shard, SamplePosition.offset(reader.offset()));
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

  private static String feature(String key, String found, String expected) {
    return "feature '" + key + "' is " + found + " (expected: " + expected + ")";
  }

  private final class IndexedStream extends TfStream {
    IndexedStream(EpochPlan plan, long start, @Nullable MemoryBudget budget) {
      super(plan, start, budget);
    }

    @Override
    void load(long id) throws IOException {
      int shard = plan.unitOf(id);
      int record = (int) (id - plan.unitStart(shard));
      long offset = offsets[shard][record];
      TfRecordReader reader;
      try {
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
