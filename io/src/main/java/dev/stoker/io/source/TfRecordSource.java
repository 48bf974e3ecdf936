package dev.stoker.io.source;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
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
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
 *       uncompressed shard by walking the frame headers, one 12-byte read per record; for a GZIP or
 *       ZLIB shard by inflating it once), then plans epochs as a permutation of shards read {@link
 *       TfRecordOptions#cycle()} at a time, interleaved record by record ({@link
 *       EpochPlan.Mode#UNITS}; see there for what this guarantees about shuffling). Within a shard,
 *       records come in file order. Damage inside a shard ends that shard for the stream: the
 *       damaged record and every later planned record of that shard are reported as bad samples
 *       (nothing is read past the damage), while the other shards go on.
 * </ul>
 *
 * <p>Sample ids number the records of all shards in order; positions are byte offsets of the
 * record's header in the (uncompressed) stream. Bad samples: a damaged frame (length or data
 * checksum, truncation, a record over {@link TfRecordOptions#maxSampleBytes()}, all checked before
 * the payload is allocated), an Example that does not parse, a missing feature or one of the wrong
 * kind. Errors at open, naming the file and reason: a missing or denied shard, a glob matching
 * nothing, a stale or malformed index, damage found while counting, no records at all.
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
    List<String> shards = Shards.resolve(storage, options.files());
    long[] sizes = new long[shards.size()];
    boolean indexed = options.useIndexes() && options.compression() == TfRecordCompression.NONE;
    for (int i = 0; i < shards.size(); i++) {
      sizes[i] = storage.size(shards.get(i));
      if (indexed && !exists(storage, shards.get(i) + options.indexSuffix())) {
        indexed = false;
      }
    }
    long[] counts = new long[shards.size()];
    long[][] offsets = indexed ? new long[shards.size()][] : null;
    for (int i = 0; i < shards.size(); i++) {
      String shard = shards.get(i);
      if (offsets != null) {
        offsets[i] = IndexFile.read(storage, shard + options.indexSuffix(), shard, sizes[i]);
        counts[i] = offsets[i].length;
      } else if (options.compression() == TfRecordCompression.NONE) {
        try (RandomReader reader = storage.openRandom(shard)) {
          counts[i] = FrameWalk.count(reader, shard);
        }
      } else {
        TfRecordReaderOptions counting =
            readerOptions(options, shard).toBuilder().verifyDataCrc(false).build();
        try (TfRecordReader reader = TfRecordReader.open(storage.openSequential(shard), counting)) {
          while (reader.next()) {
            counts[i]++;
          }
        }
      }
    }
    TfRecordSource source = new TfRecordSource(options, shards, counts, offsets);
    if (source.total == 0) {
      throw new IOException(
          String.join(", ", shards) + ": the dataset is empty (expected: at least one record)");
    }
    return source;
  }

  private static boolean exists(Storage storage, String file) throws IOException {
    try {
      storage.size(file);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
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
        ? new IndexedStream(plan, cursor.position())
        : new SequentialStream(plan, cursor.position());
  }

  @Override
  public void close() {
    closed = true;
  }

  /** What both streams share: open readers by shard, and parsing the Example. */
  private abstract class TfStream extends PlannedStream {
    final EpochPlan plan;
    final Map<Integer, TfRecordReader> readers = new LinkedHashMap<>(16, 0.75f, true);
    private final ExampleReader example = new ExampleReader();
    private final FeatureView image = new FeatureView();
    private final FeatureView label = new FeatureView();
    private final FeatureKey imageKey = FeatureKey.of(options.imageKey());
    private final FeatureKey labelKey = FeatureKey.of(options.labelKey());

    TfStream(EpochPlan plan, long start) {
      super(plan, start);
      this.plan = plan;
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
      TfRecordReaderOptions ro = readerOptions(options, location);
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
    IndexedStream(EpochPlan plan, long start) {
      super(plan, start);
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

    SequentialStream(EpochPlan plan, long start) {
      super(plan, start);
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
