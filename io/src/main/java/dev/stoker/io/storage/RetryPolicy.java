package dev.stoker.io.storage;

import dev.stoker.core.Checks;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.FileSystemException;
import java.time.Duration;

/**
 * How often, and how patiently, a storage call is tried again after a transient failure: a fixed
 * number of attempts with exponential back-off between them, and no jitter, so that a run is
 * reproducible.
 *
 * <p>Attempt {@code k} (counting from 1) that fails transiently is followed by a pause of {@code
 * min(maxBackoff, firstBackoff × 2^(k-1))}, then attempt {@code k+1}, up to {@link #maxAttempts()}
 * in all. With the {@link #DEFAULT} (4 attempts, 100 ms doubling to at most 2 s) a call gives up
 * after 0.7 s of pauses. When the last attempt fails, the error names the file, the operation and
 * the attempt count; the source then reports the sample as bad and its error policy decides (skip
 * it, or stop).
 *
 * <p>What is transient: any {@link IOException} except the permanent ones, which fail at once: a
 * {@link FileSystemException} (missing, denied, not a directory, is a directory), a {@link
 * FileNotFoundException}, an {@link EOFException} (the file is shorter than expected), a {@link
 * ClosedChannelException}, and an {@link InterruptedIOException} (the thread was asked to stop).
 *
 * <p>The {@link Sleeper} waits out the pauses; tests inject one that records the pauses instead of
 * waiting, so no test depends on time.
 *
 * @param maxAttempts how many times a call is tried in all, at least 1 (1 means no retry)
 * @param firstBackoff the pause after the first failed attempt
 * @param maxBackoff the longest pause
 * @param sleeper what waits out a pause
 */
public record RetryPolicy(
    int maxAttempts, Duration firstBackoff, Duration maxBackoff, Sleeper sleeper) {
  /** The most attempts a policy may ask for. */
  public static final int MAX_ATTEMPTS = 100;

  /** Waits out a back-off pause. */
  @FunctionalInterface
  public interface Sleeper {
    /**
     * Waits.
     *
     * @param pause how long
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration pause) throws InterruptedException;
  }

  /** 4 attempts, pauses of 100 ms, 200 ms and 400 ms (at most 2 s), real sleeping. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), Thread::sleep);

  /** One attempt: every failure is final. */
  public static final RetryPolicy NONE =
      new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Thread::sleep);

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException when a field is out of range
   */
  public RetryPolicy {
    Checks.inRange("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS);
    Checks.require(
        firstBackoff != null && !firstBackoff.isNegative(),
        "firstBackoff",
        firstBackoff,
        "a duration >= 0");
    Checks.require(
        maxBackoff != null && maxBackoff.compareTo(firstBackoff) >= 0,
        "maxBackoff",
        maxBackoff,
        "a duration >= firstBackoff " + firstBackoff);
    Checks.require(sleeper != null, "sleeper", sleeper, "non-null");
  }

  /**
   * Returns this policy with another sleeper.
   *
   * @param other the sleeper
   * @return the policy
   */
  public RetryPolicy withSleeper(Sleeper other) {
    return new RetryPolicy(maxAttempts, firstBackoff, maxBackoff, other);
  }

  /**
   * Returns the pause after failed attempt {@code attempt}.
   *
   * @param attempt the attempt that failed, from 1
   * @return the pause
   */
  public Duration backoff(int attempt) {
    Duration pause = firstBackoff;
    for (int k = 1; k < attempt && pause.compareTo(maxBackoff) < 0; k++) {
      pause = pause.multipliedBy(2);
    }
    return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
  }

  /**
   * Tells whether a failure may go away when the call is tried again.
   *
   * @param e the failure
   * @return false for the permanent kinds listed in the class comment
   */
  public static boolean isTransient(IOException e) {
    return !(e instanceof FileSystemException
        || e instanceof FileNotFoundException
        || e instanceof EOFException
        || e instanceof ClosedChannelException
        || e instanceof InterruptedIOException);
  }
}
