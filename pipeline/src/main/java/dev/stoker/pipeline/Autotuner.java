package dev.stoker.pipeline;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the worker count and the prefetch depth of a pipeline built with {@link
 * PipelineOptions#AUTO}, from what one measurement window ({@link TuningWindow}) shows. Pure
 * arithmetic on the measurements it is given: it starts no thread and reads no clock, so a test
 * drives it with synthetic windows.
 *
 * <pre>
 *  stall ≥ 2 %, workers ≥ 85 % busy ──► one more worker, if a core is free and its scratch fits
 *  stall ≥ 2 %, workers &lt; 85 % busy ──► one more batch ahead (the stalls come in bursts, or the
 *                                       workers wait for a slab), if the slab fits
 *  stall &lt; 0.5 %, the other workers would still be &lt; 60 % busy without one ──► one worker less
 * </pre>
 *
 * <p>The memory bound is checked before every growth, by the same arithmetic as {@link
 * PipelineOptions#fixedBytes()}: {@code (prefetch + 1) × slab + ring + workers × scratch} must stay
 * within the memory limit, so the budget can never refuse what the tuner adds. The first window
 * (warm-up) and the window after a change are skipped, the latter since it straddles two
 * configurations. Prefetch only grows: a slab is the cheap insurance against bursts, and the limit
 * bounds it. A wanted change refused by a bound is reported once per bound as a decision whose
 * value stays.
 *
 * <p>Not thread-safe: the pipeline calls it from the consumer thread only.
 */
final class Autotuner implements TuningPolicy {
  static final double STALL_HIGH = 0.02;
  static final double STALL_LOW = 0.005;
  static final double BUSY_SATURATED = 0.85;
  static final double BUSY_AFTER_SHRINK = 0.60;

  private final boolean autoWorkers;
  private final boolean autoPrefetch;
  private final int maxWorkers;
  private final int maxPrefetch;
  private final int cores;
  private final long memoryLimit;
  private final long slabBytes;
  private final long ringBytes;
  private final long scratchPerWorker;

  private int workers;
  private int prefetch;
  private long window;
  private boolean skipNext = true; // the first window is warm-up: the JIT is still compiling
  private @Nullable String lastHeld;

  /**
   * Creates a tuner for a pipeline's options.
   *
   * @param options the options, with {@code workers()} and {@code prefetchBatches()} the start
   * @param cores the processors the machine offers
   */
  Autotuner(PipelineOptions options, int cores) {
    this.autoWorkers = options.autoWorkers();
    this.autoPrefetch = options.autoPrefetch();
    this.maxWorkers = options.maxWorkers();
    this.maxPrefetch = options.maxPrefetchBatches();
    this.cores = cores;
    this.memoryLimit = options.memoryLimit();
    this.slabBytes = options.slabBytes();
    this.ringBytes = (long) options.ringSlots() * options.maxEncodedBytes();
    this.scratchPerWorker = options.scratchLimitPerWorker();
    this.workers = options.workers();
    this.prefetch = options.prefetchBatches();
  }

  int workers() {
    return workers;
  }

  int prefetch() {
    return prefetch;
  }

  /**
   * Returns the memory the configuration may take at most: slabs, the ring at its largest and every
   * worker's scratch limit, plus the reader's share of the same size.
   */
  long committedBytes(int workerCount, int prefetchDepth) {
    return (prefetchDepth + 1L) * slabBytes + ringBytes + (workerCount + 1L) * scratchPerWorker;
  }

  /**
   * Closes one window and decides.
   *
   * @param w what the window measured
   * @return the decision, or null when nothing is to change or to report
   */
  @Override
  public @Nullable TuningDecision decide(TuningWindow w) {
    window++;
    if (skipNext) {
      skipNext = false;
      return null;
    }
    if (w.stall() >= STALL_HIGH) {
      return w.busy() >= BUSY_SATURATED ? growWorkers(w) : growPrefetch(w);
    }
    if (w.stall() < STALL_LOW && autoWorkers && workers > 1) {
      double after = w.busy() * workers / (workers - 1);
      if (after < BUSY_AFTER_SHRINK) {
        return change(
            "workers",
            workers,
            workers - 1,
            String.format(
                Locale.ROOT,
                "stall %s with workers %s busy: the consumer is the limit",
                percent(w.stall()),
                percent(w.busy())));
      }
    }
    return null;
  }

  private @Nullable TuningDecision growWorkers(TuningWindow w) {
    if (!autoWorkers) {
      return null;
    }
    String why =
        String.format(
            Locale.ROOT, "stall %s with workers %s busy", percent(w.stall()), percent(w.busy()));
    if (workers >= maxWorkers) {
      return held("workers", why + ", but at the maximum of " + maxWorkers + " workers");
    }
    if (w.cpuLoad() >= 0 && w.cpuLoad() > 1 - 0.5 / cores) {
      return held(
          "workers",
          why + ", but the machine's CPU is " + percent(w.cpuLoad()) + " busy: no core is free");
    }
    long need = committedBytes(workers + 1, prefetch);
    if (need > memoryLimit) {
      return held(
          "workers",
          why
              + ", but a worker's scratch of "
              + scratchPerWorker
              + " B would commit "
              + need
              + " B, over memoryLimit="
              + memoryLimit);
    }
    return change("workers", workers, workers + 1, why);
  }

  private @Nullable TuningDecision growPrefetch(TuningWindow w) {
    if (!autoPrefetch) {
      return null;
    }
    String why =
        String.format(
            Locale.ROOT,
            "stall %s with workers only %s busy and the ring %s full",
            percent(w.stall()),
            percent(w.busy()),
            percent(w.ringFill()));
    if (prefetch >= maxPrefetch) {
      return held("prefetch", why + ", but at the maximum of " + maxPrefetch + " batches");
    }
    long need = committedBytes(workers, prefetch + 1);
    if (need > memoryLimit) {
      return held(
          "prefetch",
          why
              + ", but a slab of "
              + slabBytes
              + " B would commit "
              + need
              + " B, over memoryLimit="
              + memoryLimit);
    }
    return change("prefetch", prefetch, prefetch + 1, why);
  }

  private TuningDecision change(String knob, int from, int to, String why) {
    if (knob.equals("workers")) {
      workers = to;
    } else {
      prefetch = to;
    }
    skipNext = true;
    lastHeld = null;
    return new TuningDecision(knob, from, to, why, window);
  }

  /** Reports a refused change once, not at every window while the bound holds. */
  private @Nullable TuningDecision held(String knob, String why) {
    String bound = knob + why.substring(why.indexOf(", but"));
    String key = bound.replaceAll("[0-9.]+ %", "");
    if (key.equals(lastHeld)) {
      return null;
    }
    lastHeld = key;
    int value = knob.equals("workers") ? workers : prefetch;
    return new TuningDecision(knob, value, value, why, window);
  }

  static String percent(double fraction) {
    double p = fraction * 100;
    return String.format(Locale.ROOT, p < 10 ? "%.1f %%" : "%.0f %%", p);
  }
}
