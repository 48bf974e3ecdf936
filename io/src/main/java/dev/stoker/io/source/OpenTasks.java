package dev.stoker.io.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The storage work of opening a source, one task per file or folder, run {@value #THREADS} at a
 * time on virtual threads: on a remote store each task is a few calls' latency, so the open takes
 * that latency times the count divided by {@value #THREADS}, where a loop took it times the count.
 * The caller's thread waits for all; stateless.
 */
final class OpenTasks {
  private OpenTasks() {}

  /** How many tasks run at once. */
  static final int THREADS = 16;

  @FunctionalInterface
  interface Task<S, T> {
    T run(S unit) throws IOException;
  }

  /**
   * Runs a task for every unit, {@link #THREADS} at a time, and returns the results in their order.
   * The first failure in that order is thrown, the others are added to it as suppressed.
   */
  static <S, T> List<T> run(List<S> units, Task<S, T> task) throws IOException {
    if (units.size() == 1) {
      return List.of(task.run(units.get(0)));
    }
    Semaphore permits = new Semaphore(THREADS);
    List<Future<T>> futures = new ArrayList<>(units.size());
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (S unit : units) {
        futures.add(
            pool.submit(
                () -> {
                  permits.acquire();
                  try {
                    return task.run(unit);
                  } finally {
                    permits.release();
                  }
                }));
      }
      List<T> results = new ArrayList<>(units.size());
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
}
