package dev.stoker.io.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Storage} that tries every call again after a transient failure, as its {@link
 * RetryPolicy} says, and resumes reads where they broke off, so that a fault in the storage below
 * never delivers a byte twice or skips one.
 *
 * <ul>
 *   <li>{@link #list}, {@link #glob}, {@link #size} and the opens are simply called again.
 *   <li>A {@link RandomReader} whose read fails is closed and reopened (a reset connection stays
 *       broken), then the same positional read is tried again. Bytes a failed read may have put
 *       into the buffer are discarded: the buffer's position is restored first.
 *   <li>A sequential channel whose read fails is closed and reopened, and the bytes it had already
 *       delivered are skipped, then the read is tried again.
 * </ul>
 *
 * <p>A file that changed size between two opens fails at once: resuming would mix two versions.
 * When the last attempt fails the {@link IOException} names the file, the operation and the attempt
 * count, with the last failure as its cause.
 *
 * <p><b>Ownership and threading.</b> Thread-safe as the storage below; holds nothing itself. The
 * readers and channels it opens belong to the caller, each to one thread at a time, and closing one
 * closes the file below.
 */
public final class RetryingStorage implements Storage {
  private static final int SKIP_CHUNK = 64 * 1024;

  private final Storage inner;
  private final RetryPolicy policy;

  private RetryingStorage(Storage inner, RetryPolicy policy) {
    this.inner = inner;
    this.policy = policy;
  }

  /**
   * Wraps a storage, unless the policy is a single attempt.
   *
   * @param storage the storage below
   * @param policy the retry policy
   * @return the retrying storage, or {@code storage} itself for a policy of one attempt
   */
  public static Storage wrap(Storage storage, RetryPolicy policy) {
    return policy.maxAttempts() == 1 ? storage : new RetryingStorage(storage, policy);
  }

  /**
   * Returns the storage below a possibly wrapped one.
   *
   * @param storage a storage
   * @return what {@link #wrap} wrapped, or {@code storage} itself
   */
  public static Storage unwrap(Storage storage) {
    return storage instanceof RetryingStorage r ? r.inner : storage;
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface Recovery {
    void run() throws IOException;
  }

  /**
   * Runs a call up to {@code maxAttempts} times; before each repeat, pauses and runs {@code
   * recover} (whose own transient failure counts as a failed attempt).
   */
  private <T> T attempt(String what, Call<T> call, @Nullable Recovery recover) throws IOException {
    IOException last = null;
    for (int attempt = 1; ; attempt++) {
      try {
        if (attempt > 1 && recover != null) {
          recover.run();
        }
        return call.run();
      } catch (IOException e) {
        if (!RetryPolicy.isTransient(e)) {
          throw e;
        }
        if (last != null && last != e) {
          e.addSuppressed(last);
        }
        last = e;
        if (attempt >= policy.maxAttempts()) {
          throw new IOException(
              what
                  + ": failed after "
                  + attempt
                  + (attempt == 1 ? " attempt: " : " attempts: ")
                  + e.getMessage(),
              e);
        }
        pause(attempt, what);
      }
    }
  }

  private void pause(int attempt, String what) throws InterruptedIOException {
    try {
      policy.sleeper().sleep(policy.backoff(attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException stop =
          new InterruptedIOException(what + ": interrupted while waiting to retry");
      stop.initCause(e);
      throw stop;
    }
  }

  @Override
  public List<StorageEntry> list(String directory) throws IOException {
    return attempt(directory + ": list", () -> inner.list(directory), null);
  }

  @Override
  public List<String> glob(String pattern) throws IOException {
    return attempt(pattern + ": glob", () -> inner.glob(pattern), null);
  }

  @Override
  public long size(String file) throws IOException {
    return attempt(file + ": size", () -> inner.size(file), null);
  }

  @Override
  public ReadableByteChannel openSequential(String file) throws IOException {
    return new ResumingChannel(
        file, attempt(file + ": open", () -> inner.openSequential(file), null));
  }

  @Override
  public RandomReader openRandom(String file) throws IOException {
    return new ReopeningReader(file, attempt(file + ": open", () -> inner.openRandom(file), null));
  }

  @Override
  public String resolve(String directory, String name) {
    return inner.resolve(directory, name);
  }

  private static void closeQuietly(AutoCloseable c, IOException into) {
    try {
      c.close();
    } catch (Exception e) {
      into.addSuppressed(e);
    }
  }

  /** A random reader that reopens its file after a failed read. */
  private final class ReopeningReader implements RandomReader {
    private final String location;
    private final long size;
    private RandomReader reader;
    private boolean broken;
    private boolean closed;

    ReopeningReader(String location, RandomReader reader) {
      this.location = location;
      this.reader = reader;
      this.size = reader.size();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      if (closed) {
        throw new ClosedChannelException();
      }
      int start = dst.position();
      return attempt(
          location + ": read at offset " + position,
          () -> {
            try {
              return reader.read(position, dst);
            } catch (IOException e) {
              dst.position(start);
              broken = true;
              throw e;
            }
          },
          this::reopen);
    }

    private void reopen() throws IOException {
      if (!broken) {
        return;
      }
      IOException closing = new IOException("closing");
      closeQuietly(reader, closing);
      RandomReader fresh = inner.openRandom(location);
      if (fresh.size() != size) {
        long now = fresh.size();
        fresh.close();
        throw new FileSystemException(
            location,
            null,
            "size changed from " + size + " to " + now + " bytes while it was read");
      }
      reader = fresh;
      broken = false;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        reader.close();
      }
    }
  }

  /** A sequential channel that reopens its file after a failed read and skips what it gave. */
  private final class ResumingChannel implements ReadableByteChannel {
    private final String location;
    private ReadableByteChannel channel;
    private long delivered;
    private boolean broken;
    private boolean open = true;

    ResumingChannel(String location, ReadableByteChannel channel) {
      this.location = location;
      this.channel = channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
      int start = dst.position();
      int n =
          attempt(
              location + ": read at offset " + delivered,
              () -> {
                try {
                  return channel.read(dst);
                } catch (IOException e) {
                  dst.position(start);
                  broken = true;
                  throw e;
                }
              },
              this::reopen);
      if (n > 0) {
        delivered += n;
      }
      return n;
    }

    private void reopen() throws IOException {
      if (!broken) {
        return;
      }
      IOException closing = new IOException("closing");
      closeQuietly(channel, closing);
      ReadableByteChannel fresh = inner.openSequential(location);
      try {
        ByteBuffer skip = ByteBuffer.allocate((int) Math.min(SKIP_CHUNK, Math.max(1, delivered)));
        long left = delivered;
        while (left > 0) {
          skip.clear().limit((int) Math.min(skip.capacity(), left));
          int n = fresh.read(skip);
          if (n < 0) {
            throw new FileSystemException(
                location,
                null,
                "ends at offset "
                    + (delivered - left)
                    + " on reopening, before the "
                    + delivered
                    + " bytes already read: it changed while it was read");
          }
          left -= n;
        }
      } catch (IOException e) {
        closeQuietly(fresh, e);
        throw e;
      }
      channel = fresh;
      broken = false;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      if (open) {
        open = false;
        channel.close();
      }
    }
  }
}
