package dev.stoker.decode.resize;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Brings a Vector API kernel to compiled code on a small synthetic input before any image uses it,
 * one short step at a time on the threads that ask, while images go through a bit-identical scalar
 * kernel.
 *
 * <h2>Why</h2>
 *
 * Until the JIT's optimising compiler has compiled it, Vector API code runs in Java fallbacks that
 * allocate arrays and vector objects on every operation: many times slower than plain Java, with
 * megabytes of garbage per image. Fed real images from the start, every worker runs that slow code
 * at once (see {@code VectorWarmup} for the figures of the resize kernel).
 *
 * <h2>How</h2>
 *
 * The owner of a vector kernel calls {@link #ready()} once per image. Until the warm-up is over,
 * that call runs one step ({@code callsPerStep} runs of the exercise, a few milliseconds) on the
 * calling thread, unless another thread is in a step, and returns {@code false}: the caller then
 * uses its scalar kernel. The warm-up is over when a step allocates nothing on the heap, which only
 * compiled Vector API code achieves, or after {@code maxSteps} steps (a JVM that never compiles it,
 * such as one run with {@code -Xint}, or one that cannot count a thread's allocations). No thread
 * is started.
 *
 * <p>The exercise is made on the first step by a supplier, which returns {@code null} where there
 * is nothing to warm up (the scalar kernel is the best one): the warm-up is then over at once. It
 * is dropped when the warm-up ends.
 *
 * <p><b>Threading.</b> Thread-safe; meant to be held in a static field, one per kernel. One thread
 * at a time runs a step; the others return at once.
 */
public final class KernelWarmup {
  /** Heap bytes below which a step counts as allocation-free (the counter's own reads). */
  private static final long QUIET_BYTES = 1024;

  private final int callsPerStep;
  private final int maxSteps;
  private final Supplier<@Nullable Runnable> exercise;
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile boolean done;

  // Guarded by busy.
  private int steps;
  private @Nullable Runnable work;

  /**
   * Creates a warm-up that has not started.
   *
   * @param callsPerStep runs of the exercise per step, at least 1
   * @param maxSteps steps after which the kernel counts as warm even if its steps still allocate,
   *     at least 1
   * @param exercise makes, on the first step, one run of the vector kernel on a small synthetic
   *     input, or returns {@code null} when there is no vector kernel to warm up
   * @throws IllegalArgumentException if a count is below 1
   */
  public KernelWarmup(int callsPerStep, int maxSteps, Supplier<@Nullable Runnable> exercise) {
    if (callsPerStep < 1) {
      throw new IllegalArgumentException(
          "callsPerStep=" + callsPerStep + " (expected: at least 1)");
    }
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps=" + maxSteps + " (expected: at least 1)");
    }
    this.callsPerStep = callsPerStep;
    this.maxSteps = maxSteps;
    this.exercise = exercise;
  }

  /**
   * Returns whether the kernel is compiled (or the warm-up has given up waiting); if not, runs one
   * warm-up step on the calling thread unless another thread is in one.
   *
   * @return {@code true} once images should go through the vector kernel
   */
  public boolean ready() {
    if (done) {
      return true;
    }
    if (busy.compareAndSet(false, true)) {
      try {
        step();
      } finally {
        busy.set(false);
      }
    }
    return done;
  }

  /**
   * Returns how many steps have run so far.
   *
   * @return the steps, at most the step limit
   */
  public int steps() {
    return steps;
  }

  private void step() {
    if (done) {
      return;
    }
    Runnable w = work;
    if (w == null) {
      w = exercise.get();
      if (w == null) {
        done = true;
        return;
      }
      work = w;
    }
    long before = AllocationCounter.currentThread();
    for (int i = 0; i < callsPerStep; i++) {
      w.run();
    }
    long allocated = AllocationCounter.currentThread() - before;
    steps++;
    if ((before >= 0 && allocated < QUIET_BYTES) || steps >= maxSteps) {
      work = null;
      done = true;
    }
  }

  /** The calling thread's allocated heap bytes, where the JVM counts them. */
  private static final class AllocationCounter {
    private static final com.sun.management.@Nullable ThreadMXBean BEAN = bean();

    private static com.sun.management.@Nullable ThreadMXBean bean() {
      try {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean b
            && b.isThreadAllocatedMemorySupported()
            && b.isThreadAllocatedMemoryEnabled()) {
          return b;
        }
      } catch (LinkageError | UnsupportedOperationException e) {
        // No jdk.management module: the warm-up runs its full number of steps.
      }
      return null;
    }

    /** Returns the bytes, or -1 where they are not counted. */
    static long currentThread() {
      com.sun.management.ThreadMXBean b = BEAN;
      return b == null ? -1 : b.getCurrentThreadAllocatedBytes();
    }
  }
}
