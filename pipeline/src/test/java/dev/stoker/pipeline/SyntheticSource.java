package dev.stoker.pipeline;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.random.KeyedRandom;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * A dataset made up in the test: sample {@code id} has label {@code 7·id + 3} and 16 encoded bytes
 * holding its id twice. The plan is a seeded Fisher–Yates permutation per epoch, written here
 * independently of any production code, or the ids in order for {@link EpochOrder#IN_ORDER}. Ids in
 * {@code unreadable} fail to read and the stream goes on; at {@code breakAt} the stream fails for
 * good.
 */
final class SyntheticSource implements Source {
  private final int size;
  private final Set<Long> unreadable;
  private final long breakAt;
  private long hugeId = -1;
  private int hugeBytes;
  private boolean counted = true;

  SyntheticSource(int size, Set<Long> unreadable, long breakAt) {
    this.size = size;
    this.unreadable = unreadable;
    this.breakAt = breakAt;
  }

  /** Makes sample {@code id} {@code bytes} long (its id twice, then zeros); the rest stay 16. */
  SyntheticSource withHugeSample(long id, int bytes) {
    this.hugeId = id;
    this.hugeBytes = bytes;
    return this;
  }

  /** Makes the source report no sample count and its streams an unknown size, as uncounted. */
  SyntheticSource uncounted() {
    this.counted = false;
    return this;
  }

  SyntheticSource(int size) {
    this(size, Set.of(), -1);
  }

  static long[] plan(int size, long seed, long epoch) {
    long[] order = new long[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    KeyedRandom rnd = KeyedRandom.of(seed, epoch, -1, 77);
    for (int i = size - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  static long label(long id) {
    return id * 7 + 3;
  }

  @Override
  public String name() {
    return "synthetic";
  }

  @Override
  public List<String> labelNames() {
    return List.of("all");
  }

  @Override
  public OptionalLong sampleCount() {
    return counted ? OptionalLong.of(size) : OptionalLong.empty();
  }

  @Override
  public boolean isRandomAccess() {
    return true;
  }

  @Override
  public SampleStream open(Cursor cursor, Sharding sharding, EpochOrder epochOrder) {
    if (sharding.worldSize() != 1) {
      throw new UnsupportedOperationException("the synthetic source is not sharded");
    }
    long[] order =
        epochOrder == EpochOrder.IN_ORDER
            ? LongStream.range(0, size).toArray()
            : plan(size, cursor.seed(), cursor.epoch());
    Arena arena = Arena.ofConfined();
    MemorySegment bytes = arena.allocate(Math.max(16, hugeBytes));
    return new SampleStream() {
      private int next = (int) Math.min(cursor.position(), size);
      private long id = -1;
      private boolean broken;

      @Override
      public boolean next() throws SampleReadException {
        if (broken) {
          throw failure(id, "broken frame", false);
        }
        if (next >= size) {
          return false;
        }
        id = order[next++];
        if (id == breakAt) {
          broken = true;
          throw failure(id, "broken frame", false);
        }
        if (unreadable.contains(id)) {
          throw failure(id, "unreadable", true);
        }
        bytes.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, id);
        bytes.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, id);
        return true;
      }

      private SampleReadException failure(long failed, String reason, boolean canContinue) {
        return new SampleReadException(
            new SampleError("synthetic/" + failed, SamplePosition.row(failed), reason, null),
            failed,
            canContinue);
      }

      @Override
      public long size() {
        return counted ? size : UNKNOWN_SIZE;
      }

      @Override
      public long position() {
        return next;
      }

      @Override
      public long sampleId() {
        return id;
      }

      @Override
      public long label() {
        return SyntheticSource.label(id);
      }

      @Override
      public MemorySegment bytes() {
        return id == hugeId ? bytes : bytes.asSlice(0, 16);
      }

      @Override
      public String source() {
        return "synthetic/" + id;
      }

      @Override
      public SamplePosition samplePosition() {
        return SamplePosition.row(id);
      }

      @Override
      public void close() {
        arena.close();
      }
    };
  }

  @Override
  public void close() {}
}
