package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A storage that misbehaves like a remote file system, seeded and deterministic: every call may
 * fail with a transient {@link IOException}; a read may be slow (it returns only a few bytes, as a
 * congested connection does; no real time passes), or the connection may reset in the middle of a
 * read, after some bytes went into the buffer, and then stay broken. Files matching {@link #down}
 * fail every call, as a lost data node does.
 *
 * <p>Each file draws from its own random sequence, seeded with the seed and the file's path below
 * the test's root directory (whose own name differs from run to run). A source that opens files on
 * several threads therefore sees the same faults in every run, as long as each file is used by one
 * thread at a time: one shared sequence would hand out its draws in whatever order the threads
 * arrive.
 */
final class FaultyStorage implements Storage {
  private final Storage inner;
  private final String root;
  private final long seed;
  private final Map<String, Random> randoms = new HashMap<>();
  private final double rate;
  private volatile Predicate<String> down = location -> false;
  private int calls;
  private int faults;

  /**
   * @param root the directory the test's files are under
   * @param rate the chance that a call fails transiently; a read has the same chance again of being
   *     reset, and of being slow
   */
  FaultyStorage(Storage inner, Path root, long seed, double rate) {
    this.inner = inner;
    this.root = root.toString();
    this.seed = seed;
    this.rate = rate;
  }

  /** Makes the matching files fail every call from now on. */
  FaultyStorage down(Predicate<String> files) {
    this.down = files;
    return this;
  }

  synchronized int calls() {
    return calls;
  }

  synchronized int faults() {
    return faults;
  }

  private Random random(String location) {
    String name = location.startsWith(root) ? location.substring(root.length()) : location;
    return randoms.computeIfAbsent(name, n -> new Random(seed * 1_000_003L + n.hashCode()));
  }

  private synchronized boolean roll(String location) {
    return random(location).nextDouble() < rate;
  }

  private synchronized int slowCount(String location, int remaining) {
    return 1 + random(location).nextInt(Math.max(1, Math.min(remaining, 7)));
  }

  private synchronized void enter(String location, String what) throws IOException {
    calls++;
    if (down.test(location)) {
      faults++;
      throw new IOException(location + ": injected: connection refused (" + what + ")");
    }
    if (random(location).nextDouble() < rate) {
      faults++;
      throw new IOException(location + ": injected: timed out (" + what + ")");
    }
  }

  private synchronized void reset() {
    faults++;
  }

  @Override
  public List<StorageEntry> list(String directory) throws IOException {
    enter(directory, "list");
    return inner.list(directory);
  }

  @Override
  public List<String> glob(String pattern) throws IOException {
    enter(pattern, "glob");
    return inner.glob(pattern);
  }

  @Override
  public long size(String file) throws IOException {
    enter(file, "size");
    return inner.size(file);
  }

  @Override
  public ReadableByteChannel openSequential(String file) throws IOException {
    enter(file, "open");
    ReadableByteChannel channel = inner.openSequential(file);
    return new ReadableByteChannel() {
      private boolean broken;

      @Override
      public int read(ByteBuffer dst) throws IOException {
        if (broken) {
          throw new IOException(file + ": injected: connection reset (still)");
        }
        enter(file, "read");
        if (roll(file) && dst.remaining() > 1) {
          // Some bytes arrive, then the connection resets.
          ByteBuffer part = dst.duplicate();
          part.limit(part.position() + slowCount(file, dst.remaining() - 1));
          int n = channel.read(part);
          if (n > 0) {
            dst.position(dst.position() + n);
          }
          broken = true;
          reset();
          throw new IOException(file + ": injected: connection reset mid-read");
        }
        if (roll(file) && dst.remaining() > 1) {
          ByteBuffer part = dst.duplicate();
          part.limit(part.position() + slowCount(file, dst.remaining()));
          int n = channel.read(part);
          if (n > 0) {
            dst.position(dst.position() + n);
          }
          return n;
        }
        return channel.read(dst);
      }

      @Override
      public boolean isOpen() {
        return channel.isOpen();
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  @Override
  public RandomReader openRandom(String file) throws IOException {
    enter(file, "open");
    RandomReader reader = inner.openRandom(file);
    return new RandomReader() {
      private boolean broken;

      @Override
      public long size() {
        return reader.size();
      }

      @Override
      public int read(long position, ByteBuffer dst) throws IOException {
        if (broken) {
          throw new IOException(file + ": injected: connection reset (still)");
        }
        enter(file, "read");
        if (roll(file) && dst.remaining() > 1) {
          ByteBuffer part = dst.duplicate();
          part.limit(part.position() + slowCount(file, dst.remaining() - 1));
          int n = reader.read(position, part);
          if (n > 0) {
            dst.position(dst.position() + n);
          }
          broken = true;
          reset();
          throw new IOException(file + ": injected: connection reset mid-read");
        }
        if (roll(file) && dst.remaining() > 1) {
          ByteBuffer part = dst.duplicate();
          part.limit(part.position() + slowCount(file, dst.remaining()));
          int n = reader.read(position, part);
          if (n > 0) {
            dst.position(dst.position() + n);
          }
          return n;
        }
        return reader.read(position, dst);
      }

      @Override
      public String location() {
        return file;
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  @Override
  public String resolve(String directory, String name) {
    return inner.resolve(directory, name);
  }
}
