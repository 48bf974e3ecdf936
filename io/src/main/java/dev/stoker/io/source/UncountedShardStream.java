package dev.stoker.io.source;

import dev.stoker.core.Checks;
import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import dev.stoker.tfrecord.DataChecksumException;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordException;
import dev.stoker.tfrecord.TfRecordFrame;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.ClosedByInterruptException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One rank's records of one epoch over TFRecord shards whose record counts are unknown ({@link
 * TfRecordOptions.Counting#NONE}).
 *
 * <p>The rank's shards (its share of the epoch's permutation of shards) are read {@code cycle} at a
 * time in slots, visited in turn; each visit delivers the next record of the slot's shard. When a
 * shard ends, the next shard of the share takes its slot in the same visit; when the share has no
 * more, the slot stays empty. This is {@link dev.stoker.io.EpochPlan.Mode#UNITS}'s interleave, run
 * as the shards are read instead of planned from their counts, so it gives the same order.
 *
 * <p>Damage inside a shard (a bad frame header, a truncation, damage in a compressed stream, a
 * shard that cannot be opened or read after the storage's retries) is one bad sample naming the
 * shard, offset and "the rest of the shard is not read"; the shard's slot is then free for the next
 * shard. A record that is not an image example is a bad sample and the shard goes on.
 *
 * <p><b>Resume.</b> A stream that starts at position {@code p > 0} replays the first {@code p}
 * visits on its first {@link #next()}: uncompressed shards by walking their frame headers ({@link
 * FrameWalk}, 64 KiB per read, no payload read), compressed ones by inflating them up to there. The
 * header walk checks no payload, so the full read must step as it does: a payload that fails its
 * checksum in an uncompressed shard costs that record only, and the shard goes on at the next
 * frame, whose place the sound header gives.
 *
 * <p>Not thread-safe, as every {@link SampleStream}. Holds at most {@code cycle} shard files open,
 * each reader's buffer from the caller's budget or a budget of its own.
 */
final class UncountedShardStream implements SampleStream {
  private final List<String> shards;
  private final Storage storage;
  private final TfRecordOptions options;
  private final @Nullable MemoryBudget budget;
  private final int[] share;
  private final Slot[] slots;
  private final ImageExample example;
  private final long start;

  private int nextShare;
  private int turn;
  private int busy;
  private long position;
  private boolean replayed;
  private boolean current;
  private boolean closed;

  private long sampleId;
  private long label;
  private MemorySegment bytes = MemorySegment.NULL;
  private String source = "";
  private SamplePosition samplePosition = SamplePosition.wholeFile();

  /** One shard being read: its reader, or during a replay its header walk. */
  private static final class Slot {
    final int shard;

    /** The number of the record this shard gives next. */
    long next;

    /** The header offset of record {@link #next} in the (uncompressed) stream. */
    long nextOffset;

    @Nullable TfRecordReader reader;

    /** During a replay: the walk over an uncompressed shard, and the file it reads. */
    @Nullable FrameWalk walk;

    @Nullable RandomReader walked;

    /** After a replay: the header offset of record {@link #next}, for the reader's first read. */
    long resumeAt = -1;

    Slot(int shard) {
      this.shard = shard;
    }
  }

  /**
   * @param shards every shard of the source, by index
   * @param share this rank's shards for the epoch, in reading order
   * @param cycle how many shards are read at once
   * @param start the position to resume at
   */
  UncountedShardStream(
      List<String> shards,
      Storage storage,
      TfRecordOptions options,
      @Nullable MemoryBudget budget,
      int[] share,
      int cycle,
      long start) {
    Checks.require(start >= 0, "position", start, ">= 0");
    this.shards = shards;
    this.storage = storage;
    this.options = options;
    this.budget = budget;
    this.share = share;
    this.slots = new Slot[Math.min(cycle, Math.max(1, share.length))];
    this.example = new ImageExample(options);
    this.start = start;
    this.replayed = start == 0;
  }

  @Override
  public boolean next() throws IOException {
    if (closed) {
      throw new IllegalStateException("stream is closed");
    }
    current = false;
    bytes = MemorySegment.NULL;
    if (!replayed) {
      replay();
    }
    Slot slot;
    try {
      slot = visit(true);
    } catch (SampleReadException e) {
      position++;
      throw e;
    }
    if (slot == null) {
      return false;
    }
    position++;
    long id = ShardRecordId.of(slot.shard, slot.next - 1);
    TfRecordReader reader = slot.reader;
    if (reader == null) {
      throw new IllegalStateException("no reader after a read");
    }
    try {
      example.parse(reader.record());
    } catch (ImageExample.Unusable e) {
      throw new SampleReadException(
          new SampleError(
              reader.source(),
              SamplePosition.offset(reader.offset()),
              String.valueOf(e.getMessage()),
              e.getCause()),
          id,
          true);
    }
    sampleId = id;
    label = example.label();
    bytes = example.image().asReadOnly();
    source = reader.source();
    samplePosition = SamplePosition.offset(reader.offset());
    current = true;
    return true;
  }

  /**
   * Visits the next slot in turn and reads its shard's next record, moving on to the next shard of
   * the share when one ends.
   *
   * @param live whether to read the record (a stream) or only step over it (a replay)
   * @return the slot whose record was read, or null at the end of the share
   * @throws SampleReadException when the shard is damaged or unreadable there: its slot is freed
   */
  private @Nullable Slot visit(boolean live) throws IOException {
    while (busy > 0 || nextShare < share.length) {
      int at = turn;
      Slot slot = slots[at];
      if (slot == null) {
        if (nextShare == share.length) {
          turn = (turn + 1) % slots.length;
          continue;
        }
        slot = new Slot(share[nextShare++]);
        slots[at] = slot;
        busy++;
      }
      if (slot.next == ShardRecordId.MAX_RECORDS) {
        long offset = offsetOf(slot, null);
        free(at, null);
        turn = (turn + 1) % slots.length;
        throw new SampleReadException(
            new SampleError(
                shards.get(slot.shard),
                SamplePosition.offset(offset),
                "record "
                    + slot.next
                    + " (expected: at most 2^32 records per shard, as sample ids keep the record's"
                    + " number in 32 bits); the rest of the shard is not read",
                null),
            ShardRecordId.of(slot.shard, ShardRecordId.MAX_RECORDS - 1),
            true);
      }
      boolean read;
      try {
        read = live ? read(slot) : skip(slot);
      } catch (InterruptedIOException | ClosedByInterruptException e) {
        throw e;
      } catch (DataChecksumException e) {
        if (options.compression() != TfRecordCompression.NONE) {
          throw shardEnds(at, slot, e);
        }
        // The header's own checksum held, so the frame's length is right: this one record is
        // lost and the shard goes on at the next frame, as the header walk of a replay steps over
        // it (the walk reads no payload), so a resume lands where the full read does.
        long id = ShardRecordId.of(slot.shard, slot.next);
        closeFiles(slot); // the next read reopens the shard at the next frame
        slot.next++;
        slot.nextOffset = e.offset() + TfRecordFrame.frameLength(e.payloadLength());
        slot.resumeAt = slot.nextOffset;
        turn = (turn + 1) % slots.length;
        throw new SampleReadException(
            new SampleError(
                shards.get(slot.shard), SamplePosition.offset(e.offset()), e.getMessage(), e),
            id,
            true);
      } catch (IOException e) {
        throw shardEnds(at, slot, e);
      }
      if (!read) {
        free(at, null); // the shard ended: the next one takes this slot in the same visit
        continue;
      }
      slot.next++;
      FrameWalk walk = slot.walk;
      slot.nextOffset = walk != null ? walk.offset() : nextOffset(slot);
      turn = (turn + 1) % slots.length;
      return slot;
    }
    return null;
  }

  /** Frees a slot whose shard cannot go on, and returns the one bad sample that reports it. */
  private SampleReadException shardEnds(int at, Slot slot, IOException e) throws IOException {
    long offset = offsetOf(slot, e);
    free(at, e);
    turn = (turn + 1) % slots.length;
    return new SampleReadException(
        new SampleError(
            shards.get(slot.shard),
            SamplePosition.offset(offset),
            (e instanceof TfRecordException ? "" : "unreadable: ")
                + e.getMessage()
                + "; the rest of the shard is not read",
            e),
        ShardRecordId.of(slot.shard, slot.next),
        true);
  }

  private static long nextOffset(Slot slot) {
    TfRecordReader reader = Objects.requireNonNull(slot.reader);
    return reader.offset() + TfRecordFrame.frameLength(reader.recordLength());
  }

  /** Where a shard failed: the damaged frame's offset, or else the next record's. */
  private static long offsetOf(Slot slot, @Nullable IOException e) {
    return e instanceof TfRecordException damage ? damage.offset() : slot.nextOffset;
  }

  private boolean read(Slot slot) throws IOException {
    TfRecordReader reader = slot.reader;
    if (reader == null) {
      reader = openReader(slot);
      slot.reader = reader;
    }
    if (slot.resumeAt >= 0) {
      long at = slot.resumeAt;
      boolean read = reader.readAt(at, slot.next);
      slot.resumeAt = -1;
      return read;
    }
    return reader.next();
  }

  /** Steps over a record during a replay: by its header, or by reading it when compressed. */
  private boolean skip(Slot slot) throws IOException {
    if (options.compression() != TfRecordCompression.NONE) {
      return read(slot);
    }
    FrameWalk walk = slot.walk;
    if (walk == null) {
      String location = shards.get(slot.shard);
      RandomReader file = storage.openRandom(location);
      slot.walked = file;
      walk = new FrameWalk(file, location, options.maxSampleBytes());
      slot.walk = walk;
    }
    return walk.next();
  }

  private TfRecordReader openReader(Slot slot) throws IOException {
    String location = shards.get(slot.shard);
    TfRecordReaderOptions ro =
        TfRecordReaderOptions.builder()
            .compression(options.compression())
            .maxRecordLength(options.maxSampleBytes())
            .sourceName(location)
            .memoryBudget(budget)
            .build();
    RandomReader walked = slot.walked;
    if (walked != null) {
      slot.walked = null; // the reader owns the file from here
      return TfRecordReader.open(new RandomReaderChannel(walked), ro);
    }
    if (slot.resumeAt >= 0) {
      return TfRecordReader.open(new RandomReaderChannel(storage.openRandom(location)), ro);
    }
    return TfRecordReader.open(storage.openSequential(location), ro);
  }

  /** Replays the first {@code start} visits, then hands each open walk to a reader. */
  private void replay() throws IOException {
    while (position < start) {
      Slot slot;
      try {
        slot = visit(false);
      } catch (SampleReadException e) {
        position++; // a damaged or unreadable shard: one bad sample, and its slot is free
        continue;
      }
      if (slot == null) {
        throw new IllegalArgumentException(
            Checks.message(
                "position",
                start,
                "at most " + position + ", the samples of this rank's share of the epoch"));
      }
      position++;
    }
    for (Slot slot : slots) {
      if (slot != null && slot.walk != null) {
        slot.resumeAt = slot.walk.offset();
        slot.walk = null;
      }
    }
    replayed = true;
  }

  /** Closes a slot's files and frees it; a failure to close is added to {@code cause}. */
  private void free(int at, @Nullable IOException cause) throws IOException {
    Slot slot = slots[at];
    slots[at] = null;
    busy--;
    if (slot == null) {
      return;
    }
    try {
      closeFiles(slot);
    } catch (IOException | RuntimeException e) {
      if (cause == null) {
        throw e;
      }
      cause.addSuppressed(e);
    }
  }

  private static void closeFiles(Slot slot) throws IOException {
    TfRecordReader reader = slot.reader;
    RandomReader walked = slot.walked;
    slot.reader = null;
    slot.walked = null;
    slot.walk = null;
    try (walked) {
      if (reader != null) {
        reader.close();
      }
    }
  }

  @Override
  public long size() {
    return UNKNOWN_SIZE;
  }

  @Override
  public long position() {
    return replayed ? position : start; // the replay runs on the first next()
  }

  private void requireCurrent() {
    if (!current) {
      throw new IllegalStateException(
          "no current sample (expected: a call to next() that returned true)");
    }
  }

  @Override
  public long sampleId() {
    requireCurrent();
    return sampleId;
  }

  @Override
  public long label() {
    requireCurrent();
    return label;
  }

  @Override
  public MemorySegment bytes() {
    requireCurrent();
    return bytes;
  }

  @Override
  public String source() {
    requireCurrent();
    return source;
  }

  @Override
  public SamplePosition samplePosition() {
    requireCurrent();
    return samplePosition;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    current = false;
    bytes = MemorySegment.NULL;
    IOException failure = null;
    for (Slot slot : slots) {
      if (slot == null) {
        continue;
      }
      try {
        closeFiles(slot);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
