package dev.stoker.pipeline;

import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SampleException;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.random.KeyedRandom;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;

/**
 * A dataset made up in the test: sample {@code id} has label {@code 7·id + 3} and 16 encoded bytes
 * holding its id twice. The plan is a seeded Fisher–Yates permutation per epoch, written here
 * independently of any production code.
 */
final class SyntheticSource implements SampleSource {
  private final int size;
  private final Set<Long> unreadable;

  SyntheticSource(int size, Set<Long> unreadable) {
    this.size = size;
    this.unreadable = unreadable;
  }

  SyntheticSource(int size) {
    this(size, Set.of());
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
  public SampleReader open(long seed, long epoch, long position) {
    long[] order = plan(size, seed, epoch);
    Arena arena = Arena.ofConfined();
    MemorySegment bytes = arena.allocate(16);
    return new SampleReader() {
      private int next = (int) Math.min(position, size);
      private long id = -1;

      @Override
      public boolean next() {
        if (next >= size) {
          return false;
        }
        id = order[next++];
        if (unreadable.contains(id)) {
          throw new SampleException(
              new SampleError("synthetic/" + id, SamplePosition.row(id), "unreadable", null));
        }
        bytes.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, id);
        bytes.set(ValueLayout.JAVA_LONG_UNALIGNED, 8, id);
        return true;
      }

      @Override
      public EncodedSample current() {
        long current = id;
        return new EncodedSample() {
          @Override
          public long sampleId() {
            return current;
          }

          @Override
          public long epoch() {
            return epoch;
          }

          @Override
          public long label() {
            return SyntheticSource.label(current);
          }

          @Override
          public MemorySegment bytes() {
            return bytes;
          }

          @Override
          public String source() {
            return "synthetic/" + current;
          }

          @Override
          public SamplePosition position() {
            return SamplePosition.row(current);
          }
        };
      }

      @Override
      public void close() {
        arena.close();
      }
    };
  }
}
