package dev.stoker.io.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryingStorageTest {
  @TempDir Path dir;

  private final List<Duration> pauses = new ArrayList<>();
  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300), pauses::add);

  /** Fails the next {@code failures} calls of size() and reads, then behaves. */
  private static final class Flaky implements Storage {
    int failures;
    int calls;

    private void enter() throws IOException {
      calls++;
      if (failures > 0) {
        failures--;
        throw new IOException("flaky: connection reset");
      }
    }

    @Override
    public List<StorageEntry> list(String directory) throws IOException {
      return LocalStorage.INSTANCE.list(directory);
    }

    @Override
    public List<String> glob(String pattern) throws IOException {
      return LocalStorage.INSTANCE.glob(pattern);
    }

    @Override
    public long size(String file) throws IOException {
      enter();
      return LocalStorage.INSTANCE.size(file);
    }

    @Override
    public ReadableByteChannel openSequential(String file) throws IOException {
      ReadableByteChannel in = LocalStorage.INSTANCE.openSequential(file);
      return new ReadableByteChannel() {
        @Override
        public int read(ByteBuffer dst) throws IOException {
          // One byte at a time, so that a failure lands in the middle of the file.
          ByteBuffer one = dst.duplicate();
          one.limit(one.position() + Math.min(1, one.remaining()));
          dst.put((byte) '?'); // garbage a broken read leaves behind
          dst.position(dst.position() - 1);
          enter();
          int n = in.read(one);
          if (n > 0) {
            dst.position(dst.position() + n);
          }
          return n;
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
      return LocalStorage.INSTANCE.openRandom(file);
    }

    @Override
    public String resolve(String directory, String name) {
      return LocalStorage.INSTANCE.resolve(directory, name);
    }
  }

  @Test
  void backOffDoublesUpToItsLimit() {
    assertThat(List.of(policy.backoff(1), policy.backoff(2), policy.backoff(3), policy.backoff(9)))
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(300),
            Duration.ofMillis(300));
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, d -> {}))
        .hasMessageContaining("maxAttempts=0");
  }

  @Test
  void aTransientFailureIsTriedAgainAfterAPause() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "abc");
    Flaky flaky = new Flaky();
    flaky.failures = 2;
    assertThat(RetryingStorage.wrap(flaky, policy).size(file.toString())).isEqualTo(3);
    assertThat(flaky.calls).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void theLastFailureNamesTheFileAndTheAttemptCount() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "abc");
    Flaky flaky = new Flaky();
    flaky.failures = 99;
    assertThatThrownBy(() -> RetryingStorage.wrap(flaky, policy).size(file.toString()))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ": size: failed after 5 attempts: flaky: connection reset");
    assertThat(flaky.calls).isEqualTo(5);
    assertThat(pauses).hasSize(4);
  }

  @Test
  void aPermanentFailureIsNotRetried() {
    Storage retrying = RetryingStorage.wrap(LocalStorage.INSTANCE, policy);
    assertThatThrownBy(() -> retrying.size(dir.resolve("missing").toString()))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(pauses).isEmpty();
  }

  @Test
  void aBrokenSequentialReadResumesWhereItStopped() throws IOException {
    String text = "the quick brown fox";
    Path file = Files.writeString(dir.resolve("f"), text);
    Flaky flaky = new Flaky();
    Storage retrying = RetryingStorage.wrap(flaky, policy);
    ByteBuffer got = ByteBuffer.allocate(64);
    try (ReadableByteChannel in = retrying.openSequential(file.toString())) {
      int k = 0;
      while (true) {
        if (k++ % 3 == 1) {
          flaky.failures = 1; // the next read breaks, and so does the reopened channel's first
        }
        if (in.read(got) < 0) {
          break;
        }
      }
    }
    assertThat(new String(got.array(), 0, got.position(), StandardCharsets.US_ASCII))
        .isEqualTo(text);
    assertThat(pauses).isNotEmpty();
  }

  @Test
  void anInterruptDuringThePauseStopsAtOnce() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "abc");
    Flaky flaky = new Flaky();
    flaky.failures = 99;
    RetryPolicy interrupted =
        policy.withSleeper(
            d -> {
              throw new InterruptedException();
            });
    try {
      assertThatThrownBy(() -> RetryingStorage.wrap(flaky, interrupted).size(file.toString()))
          .isInstanceOf(InterruptedIOException.class)
          .hasMessageContaining("interrupted while waiting to retry");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(flaky.calls).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }
}
