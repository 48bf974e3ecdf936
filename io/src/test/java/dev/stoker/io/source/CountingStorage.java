package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage that counts its calls by kind ({@code size}, {@code openRandom}, {@code read}, ...) and
 * can add a fixed latency to each, as a remote file system does. Thread-safe.
 */
final class CountingStorage implements Storage {
  private final Storage inner;
  private final Duration latency;
  private final ConcurrentHashMap<String, AtomicLong> calls = new ConcurrentHashMap<>();
  private final Set<String> opened = ConcurrentHashMap.newKeySet();

  CountingStorage(Storage inner, Duration latency) {
    this.inner = inner;
    this.latency = latency;
  }

  long calls(String kind) {
    AtomicLong n = calls.get(kind);
    return n == null ? 0 : n.get();
  }

  /** Returns the files opened so far, sequentially or for positional reads. */
  Set<String> opened() {
    return Set.copyOf(opened);
  }

  long total() {
    return calls.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private void call(String kind) throws IOException {
    calls.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted");
      }
    }
  }

  @Override
  public List<StorageEntry> list(String directory) throws IOException {
    call("list");
    return inner.list(directory);
  }

  @Override
  public List<String> glob(String pattern) throws IOException {
    call("glob");
    return inner.glob(pattern);
  }

  @Override
  public long size(String file) throws IOException {
    call("size");
    return inner.size(file);
  }

  @Override
  public ReadableByteChannel openSequential(String file) throws IOException {
    call("openSequential");
    opened.add(file);
    ReadableByteChannel in = inner.openSequential(file);
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        call("read");
        return in.read(dst);
      }

      @Override
      public boolean isOpen() {
        return in.isOpen();
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public RandomReader openRandom(String file) throws IOException {
    call("openRandom");
    opened.add(file);
    RandomReader in = inner.openRandom(file);
    return new RandomReader() {
      @Override
      public long size() {
        return in.size();
      }

      @Override
      public int read(long position, ByteBuffer dst) throws IOException {
        call("read");
        return in.read(position, dst);
      }

      @Override
      public String location() {
        return in.location();
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public String resolve(String directory, String name) {
    return inner.resolve(directory, name);
  }
}
