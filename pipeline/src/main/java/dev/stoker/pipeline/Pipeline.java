package dev.stoker.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SampleErrorLog;
import dev.stoker.core.error.SampleException;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryLeakException;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a dataset into a stream of ready batches, fast enough that the training loop never waits.
 *
 * <pre>
 *  io.Source ───► reader ─► ring of sample slots ─► decode workers ─► batch slabs ─► next()
 *  (plan order)   (1 thread,  (Disruptor, bounded:   (N threads: decode,  (preallocated,  (consumer,
 *                  copies      back-pressure)         resize, augment,     recycled on     close()
 *                  bytes)                             write in place)      close())        recycles)
 * </pre>
 *
 * <p>The {@code prefetchBatches + 1} batch slabs are allocated when the pipeline is built, all from
 * one named {@link MemoryBudget}. The {@code ringSlots} encoded-sample slots hold what is read: a
 * slot grows when a sample does not fit and shrinks back when a grown slot next holds a small one,
 * so the ring costs about {@code ringSlots × max(256 KiB, typical encoded size)}, not {@code
 * ringSlots × maxEncodedBytes}, and an occasional huge sample grows one slot for one use. The
 * steady state allocates no off-heap memory; the total is bounded by {@link
 * PipelineOptions#fixedBytes()} plus each worker's scratch, and {@link #metrics()} reports it.
 *
 * <p>Every random choice for a sample is keyed by {@code (seed, epoch, sampleId)}, and each sample
 * is written to a place fixed by the plan, so a batch's bytes do not depend on the number of
 * workers or on timing. In {@link Ordering#DETERMINISTIC} order (the default) the batches too come
 * in plan order, and {@link #state()} is an exact resume point.
 *
 * <pre>{@code
 * try (Pipeline pipeline = Pipeline.open(options)) {
 *   while (pipeline.hasNext()) {
 *     try (Batch batch = pipeline.next()) {
 *       step(batch.images(), batch.labels());
 *     }
 *   }
 *   System.out.println(pipeline.metrics().inputStall());
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> A worker keeps a bad sample's error with its batch, and the consumer applies
 * the error policy when that batch's turn comes, so errors are reported in the order batches are
 * delivered (plan order by default) whatever the worker count or timing: two runs give the same
 * log. Under {@link dev.stoker.core.error.ErrorPolicy#FAIL_FAST} the consumer receives every batch
 * before the first bad sample, then {@link #next()} or {@link #hasNext()} throws a {@link
 * PipelineException} whose cause names that sample. Under {@code SKIP_AND_REPORT} a bad sample is
 * logged ({@link #errorLog()}) and replaced by the nearest good sample of its batch, so every rank
 * still sees the same number of batches; the bad samples of a partial batch dropped by {@link
 * PipelineOptions.Builder#dropRemainder} are logged too, in their turn. A failure that is not a
 * sample's (a reader or worker that cannot go on) stops the pipeline at once; later failures are
 * kept as its suppressed exceptions.
 *
 * <p><b>Autotuning.</b> With {@link PipelineOptions#AUTO} workers or prefetch (the defaults), the
 * consumer's calls close a measurement window every half second and hand it to an {@link
 * Autotuner}, which may add or retire a worker or add a slab, within the memory limit; each
 * decision is logged ({@code System.Logger} {@code dev.stoker.pipeline.Pipeline}, INFO) and kept in
 * {@link PipelineMetrics#tuning()}. A worker is added by gating the ring on its sequence before it
 * claims anything, and retired only between samples, after it finished the one it claimed, so every
 * sample is still processed exactly once and written to its fixed place: delivery, order and {@link
 * #state()} are the same as with a fixed count.
 *
 * <p><b>Ownership and threading.</b> The creator owns the pipeline and must close it. {@link
 * #next()}, {@link #tryNext()} and {@link #hasNext()} are for one consumer thread; {@link
 * #metrics()}, {@link #state()} and {@link #close()} may be called from any thread. {@link
 * #close()} stops the reader and every worker (a worker finishes the image in hand; a thread that
 * has not stopped after 5 s is reported, and the memory it may still use is freed when it ends),
 * frees every slab the consumer does not hold and the ring; a batch the consumer still holds stays
 * valid until it is closed, and the memory budget closes with the last one. After close, {@code
 * next()} throws {@link IllegalStateException}.
 */
public final class Pipeline implements AutoCloseable {
  private static final long JOIN_MILLIS = 5_000;
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long TUNING_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final int DECISIONS_KEPT = 64;
  private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

  private final PipelineOptions options;
  private final BatchLayout layout;
  private final MemoryBudget budget;
  private final SampleSlot[] sampleSlots; // the ring's slots; their memory follows what is read
  private final BatchSlot[] slots; // room for the deepest prefetch; the first slabCount are used
  private final ArrayBlockingQueue<BatchSlot> free;
  private final RingBuffer<SampleSlot> ring;
  private final SequenceBarrier barrier;
  private final List<Thread> threads = new ArrayList<>(); // guarded by lifecycle once started
  private final List<DecodeWorker> activeWorkers = new ArrayList<>(); // guarded by lifecycle
  private final Sequence workSequence = new Sequence(-1);
  private final SampleErrorLog errorLog = new SampleErrorLog();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private final LongAdder readNanos = new LongAdder();
  private final LongAdder processNanos = new LongAdder();
  private final Object lifecycle = new Object();

  private volatile boolean stopping;
  private volatile boolean readerDone;
  private volatile long totalBatches = Long.MAX_VALUE;
  private volatile @Nullable Thread consumerWaiting;
  private boolean closed; // guarded by lifecycle
  private int workersMade; // guarded by lifecycle: names and indexes workers
  private volatile int slabCount;
  private volatile int workerCount;
  private int slabsHeld; // guarded by lifecycle: slabs handed out and not yet closed
  private int running; // guarded by lifecycle: threads started and not yet ended
  private boolean releaseWhenStopped; // guarded by lifecycle: close() gave up on a thread

  // Consumer-thread state; volatile where metrics() and state() read it from other threads.
  private long nextSequence;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong batchesDelivered = new AtomicLong();
  private final AtomicLong waitNanos = new AtomicLong();
  private volatile long consumeStart;
  private volatile long stateEpoch;
  private volatile long statePosition;

  // Autotuning, on the consumer thread; decisions are read from any thread.
  private final @Nullable TuningPolicy tuning;
  private final LongSupplier clock;
  private final long windowNanos;
  private long windowStart;
  private long windowWait;
  private long windowProcess;
  private final ArrayDeque<TuningDecision> decisions = new ArrayDeque<>(); // guarded by itself

  private Pipeline(
      PipelineOptions options,
      @Nullable TuningPolicy tuning,
      LongSupplier clock,
      long windowNanos) {
    this.tuning = tuning;
    this.clock = clock;
    this.windowNanos = windowNanos;
    this.options = options;
    this.layout = options.layout();
    PipelineState resume = options.resumeFrom();
    this.stateEpoch = resume == null ? 0 : resume.epoch();
    this.statePosition = resume == null ? 0 : resume.position();
    this.budget = MemoryBudget.create(options.name(), options.memoryLimit());
    int slabs = options.prefetchBatches() + 1;
    this.slots = new BatchSlot[options.maxPrefetchBatches() + 1];
    this.free = new ArrayBlockingQueue<>(slots.length);
    this.sampleSlots = new SampleSlot[options.ringSlots()];
    try {
      for (int i = 0; i < slabs; i++) {
        slots[i] = new BatchSlot(options.allocator().allocate(layout, budget, i), i, layout);
        free.add(slots[i]);
      }
      this.slabCount = slabs;
      int[] next = {0};
      this.ring =
          RingBuffer.createSingleProducer(
              () -> sampleSlots[next[0]++] = new SampleSlot(budget, options.maxEncodedBytes()),
              options.ringSlots(),
              new BlockingWaitStrategy());
      this.barrier = ring.newBarrier();
    } catch (RuntimeException | Error e) {
      releaseAfterFailedBuild();
      throw e;
    }
    for (int w = 0; w < options.workers(); w++) {
      newWorker();
    }
    threads.add(
        Thread.ofPlatform()
            .daemon()
            .name(options.name() + "-reader")
            .unstarted(
                tracked(
                    new SampleFeeder(
                        this, ring, budget.child("reader", options.scratchLimitPerWorker())))));
  }

  /** Counts the thread out when it ends, so that memory close() could not free is freed then. */
  private Runnable tracked(Runnable body) {
    return () -> {
      try {
        body.run();
      } finally {
        threadEnded();
      }
    };
  }

  private void threadEnded() {
    boolean release;
    synchronized (lifecycle) {
      running--;
      release = running == 0 && releaseWhenStopped;
      if (release) {
        releaseWhenStopped = false;
      }
    }
    if (release) {
      releaseMemory();
    }
  }

  /**
   * Makes a worker and its thread, unstarted. The ring is gated on the worker's sequence before the
   * worker claims anything; until its first claim that sequence reads as the ring's cursor, and the
   * workers already running keep the unclaimed samples gated (there is always at least one).
   */
  private Thread newWorker() {
    int w = workersMade++;
    MemoryBudget scratch =
        budget.child("worker " + w + " scratch", options.scratchLimitPerWorker());
    WorkerContext context = new WorkerContext(w, options.seed(), layout, scratch);
    DecodeWorker worker = new DecodeWorker(this, ring, barrier, workSequence, context);
    ring.addGatingSequences(worker.sequence());
    Thread thread =
        Thread.ofPlatform()
            .daemon()
            .name(options.name() + "-worker-" + w)
            .unstarted(tracked(worker));
    threads.add(thread);
    activeWorkers.add(worker);
    workerCount = activeWorkers.size();
    return thread;
  }

  private void releaseAfterFailedBuild() {
    for (BatchSlot slot : slots) {
      if (slot != null) {
        slot.memory.close();
      }
    }
    budget.close();
  }

  /**
   * Builds a pipeline, allocates all of its memory and starts its threads.
   *
   * @param options what to read and how
   * @return a running pipeline, owned by the caller
   * @throws dev.stoker.core.memory.BudgetExceededException when the slabs and ring do not fit the
   *     memory limit
   */
  public static Pipeline open(PipelineOptions options) {
    boolean auto = options.autoWorkers() || options.autoPrefetch();
    return open(
        options,
        auto ? new Autotuner(options, Runtime.getRuntime().availableProcessors()) : null,
        System::nanoTime,
        TUNING_WINDOW_NANOS);
  }

  /** Opens with a given tuning policy and clock: the seam for tests. */
  static Pipeline open(
      PipelineOptions options,
      @Nullable TuningPolicy tuning,
      LongSupplier clock,
      long windowNanos) {
    Pipeline pipeline = new Pipeline(options, tuning, clock, windowNanos);
    synchronized (pipeline.lifecycle) {
      pipeline.running = pipeline.threads.size();
    }
    for (Thread t : pipeline.threads) {
      t.start();
    }
    return pipeline;
  }

  /**
   * Returns the options the pipeline was built with.
   *
   * @return the options
   */
  public PipelineOptions options() {
    return options;
  }

  /**
   * Tells whether another batch will come, waiting until that is known.
   *
   * @return false once every batch of every epoch was delivered
   * @throws PipelineException when a reader or worker failed
   * @throws IllegalStateException when the pipeline is closed, or when the consumer holds every
   *     batch slab open, so that waiting would never end
   */
  public boolean hasNext() {
    return await(true) != null;
  }

  /**
   * Returns the next batch, waiting for it if needed. It waits only while the reader and workers
   * can still produce that batch: it returns it, or throws when the data is exhausted, when a
   * thread failed, when the consumer holds every slab, or when another thread closes the pipeline.
   *
   * @return the batch, owned by the caller until closed
   * @throws NoSuchElementException when every batch was delivered
   * @throws PipelineException when a reader or worker failed
   * @throws IllegalStateException when the pipeline is closed, or when the consumer holds all
   *     {@code prefetchBatches + 1} batch slabs open, so that waiting would never end
   */
  public Batch next() {
    BatchSlot slot = await(true);
    if (slot == null) {
      throw new NoSuchElementException("pipeline '" + options.name() + "' has no more batches");
    }
    return handOut(slot);
  }

  /**
   * Returns the next batch if it is ready now, without waiting.
   *
   * @return the batch, or empty when none is ready yet or every batch was delivered
   * @throws PipelineException when a reader or worker failed
   */
  public Optional<Batch> tryNext() {
    BatchSlot slot = await(false);
    return slot == null ? Optional.empty() : Optional.of(handOut(slot));
  }

  private @Nullable BatchSlot await(boolean block) {
    ensureOpen();
    if (consumeStart == 0) {
      consumeStart = System.nanoTime();
    }
    tune();
    long waitStart = 0;
    try {
      while (true) {
        throwIfFailed();
        BatchSlot ready = findReady();
        if (ready != null) {
          settle(ready);
          if (!ready.discard) {
            return ready;
          }
          nextSequence++;
          release(ready);
          continue;
        }
        if (readerDone && nextSequence >= totalBatches) {
          return null;
        }
        if (!block) {
          return null;
        }
        throwIfConsumerHoldsEverySlab();
        if (waitStart == 0) {
          waitStart = System.nanoTime();
        }
        consumerWaiting = Thread.currentThread();
        if (findReady() == null
            && failure.get() == null
            && !(readerDone && nextSequence >= totalBatches)) {
          LockSupport.parkNanos(this, PARK_NANOS);
        }
        consumerWaiting = null;
        ensureOpen();
      }
    } finally {
      if (waitStart != 0) {
        waitNanos.addAndGet(System.nanoTime() - waitStart);
      }
    }
  }

  private @Nullable BatchSlot findReady() {
    BatchSlot best = null;
    int count = slabCount;
    for (int i = 0; i < count; i++) {
      BatchSlot slot = slots[i];
      if (slot.state != BatchSlot.COMPLETE) {
        continue;
      }
      if (options.ordering() == Ordering.DETERMINISTIC) {
        if (slot.sequence == nextSequence) {
          return slot;
        }
      } else if (best == null || slot.sequence < best.sequence) {
        best = slot;
      }
    }
    return best;
  }

  /**
   * Applies the error policy to a batch's bad samples, in sample order, on the consumer thread:
   * batches are settled in delivery order, so the log (and the error that stops a fail-fast run)
   * comes in plan order whatever the worker count or timing. Once per batch: {@link #hasNext()}
   * settles the batch that {@link #next()} then hands out.
   */
  private void settle(BatchSlot slot) {
    if (slot.settled) {
      return;
    }
    slot.settled = true;
    for (int i = 0; i < slot.size; i++) {
      SampleError error = slot.error(i);
      if (error != null) {
        try {
          options.errorPolicy().handle(error, errorLog);
        } catch (SampleException e) {
          fail(e);
          throwIfFailed();
        }
      }
    }
  }

  /** Returns a dropped partial batch's slab to the reader once its errors are settled. */
  private void release(BatchSlot slot) {
    synchronized (lifecycle) {
      if (!closed) {
        slot.state = BatchSlot.FREE;
        free.add(slot);
      }
    }
  }

  private Batch handOut(BatchSlot slot) {
    synchronized (lifecycle) {
      slot.state = BatchSlot.HANDED;
      slabsHeld++;
    }
    nextSequence++;
    batchesDelivered.incrementAndGet();
    delivered.addAndGet(slot.size);
    stateEpoch = slot.epoch;
    statePosition = (slot.indexInEpoch + 1) * layout.batch();
    return new Batch(this, slot, layout, slot.failures());
  }

  /**
   * Returns the position after the last delivered batch: build a pipeline with the same options and
   * {@link PipelineOptions.Builder#resumeFrom} it to continue exactly there. Exact in {@link
   * Ordering#DETERMINISTIC} order.
   *
   * @return the state
   */
  public PipelineState state() {
    return new PipelineState(options.seed(), stateEpoch, statePosition);
  }

  /**
   * Returns the log of samples skipped under the skip policy, in delivery order: a batch's bad
   * samples are logged, in sample order, when the batch is handed out.
   *
   * @return the live log
   */
  public SampleErrorLog errorLog() {
    return errorLog;
  }

  /**
   * Takes a snapshot of the pipeline's counters.
   *
   * @return the metrics now
   */
  public PipelineMetrics metrics() {
    long start = consumeStart;
    int inUse = 0;
    int count = slabCount;
    for (int i = 0; i < count; i++) {
      inUse += slots[i].state == BatchSlot.FREE ? 0 : 1;
    }
    List<TuningDecision> tuned;
    synchronized (decisions) {
      tuned = List.copyOf(decisions);
    }
    long published = ring.getCursor();
    long consumed = ring.getMinimumGatingSequence();
    return new PipelineMetrics(
        delivered.get(),
        batchesDelivered.get(),
        start == 0 ? 0 : System.nanoTime() - start,
        waitNanos.get(),
        readNanos.sum(),
        processNanos.sum(),
        Math.max(0, Math.min(published, Long.MAX_VALUE - 1) - Math.min(consumed, published)),
        options.ringSlots(),
        inUse,
        count,
        errorLog.count(),
        errorLog.errors(),
        budget.usedBytes(),
        budget.peakBytes(),
        budget.limitBytes(),
        workerCount,
        count - 1,
        tuned);
  }

  // ---- autotuning, on the consumer thread ----

  /** Closes the measurement window when it is due and applies what the policy decides. */
  private void tune() {
    TuningPolicy policy = tuning;
    if (policy == null) {
      return;
    }
    long now = clock.getAsLong();
    if (windowStart == 0 || now - windowStart < windowNanos) {
      if (windowStart == 0) {
        startWindow(now);
      }
      return;
    }
    double span = now - windowStart;
    long wait = waitNanos.get();
    long process = processNanos.sum();
    double stall = Math.min(1, (wait - windowWait) / span);
    double busy = Math.min(1, (process - windowProcess) / (span * Math.max(1, workerCount)));
    long published = ring.getCursor();
    long occupied = Math.max(0, published - Math.min(ring.getMinimumGatingSequence(), published));
    double ringFill = Math.min(1, (double) occupied / options.ringSlots());
    TuningDecision decision = policy.decide(new TuningWindow(stall, busy, ringFill, cpuLoad()));
    if (decision != null) {
      apply(decision);
    }
    startWindow(clock.getAsLong());
  }

  private void startWindow(long now) {
    windowStart = now == 0 ? 1 : now;
    windowWait = waitNanos.get();
    windowProcess = processNanos.sum();
  }

  private static double cpuLoad() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getCpuLoad()
        : -1;
  }

  private void apply(TuningDecision decision) {
    TuningDecision done = decision;
    try {
      if (decision.knob().equals("workers")) {
        while (workerCount < decision.to() && addWorker()) {
          // one more
        }
        while (workerCount > Math.max(1, decision.to()) && retireWorker()) {
          // one less
        }
      } else {
        while (slabCount - 1 < decision.to() && addSlab()) {
          // one more
        }
      }
    } catch (RuntimeException e) {
      done =
          new TuningDecision(
              decision.knob(),
              decision.from(),
              decision.from(),
              decision.reason() + ", but it failed: " + e.getMessage(),
              decision.window());
    }
    LOG.log(System.Logger.Level.INFO, "pipeline ''{0}'': {1}", options.name(), done);
    synchronized (decisions) {
      if (decisions.size() == DECISIONS_KEPT) {
        decisions.removeFirst();
      }
      decisions.addLast(done);
    }
  }

  private boolean addWorker() {
    synchronized (lifecycle) {
      if (closed || stopping) {
        return false;
      }
      threads.removeIf(t -> t.getState() == Thread.State.TERMINATED);
      running++;
      newWorker().start();
      return true;
    }
  }

  private boolean retireWorker() {
    synchronized (lifecycle) {
      if (closed || activeWorkers.size() <= 1) {
        return false;
      }
      activeWorkers.removeLast().retire();
      workerCount = activeWorkers.size();
      return true;
    }
  }

  private boolean addSlab() {
    synchronized (lifecycle) {
      int i = slabCount;
      if (closed || i >= slots.length) {
        return false;
      }
      BatchSlot slot = new BatchSlot(options.allocator().allocate(layout, budget, i), i, layout);
      slots[i] = slot;
      slabCount = i + 1;
      free.add(slot);
      return true;
    }
  }

  /** Called by a retired worker once it has stopped gating the ring. */
  void workerRetired(DecodeWorker worker) {
    ring.removeGatingSequence(worker.sequence());
  }

  /**
   * Stops every thread and frees all memory not held by the consumer. Idempotent; safe from any
   * thread, also after a failure.
   *
   * @throws IllegalStateException when a thread did not stop in time: the ring and slabs are then
   *     freed only when the last such thread ends, and the budget is closed at once, its leak
   *     report (what is still held) attached as a suppressed {@link MemoryLeakException}
   */
  @Override
  public void close() {
    List<Thread> all;
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      all = List.copyOf(threads);
    }
    stopping = true;
    barrier.alert();
    Thread waiter = consumerWaiting;
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
    List<String> stuck = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
    boolean interrupted = false;
    for (Thread t : all) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      if (t.isAlive()) {
        stuck.add(t.getName());
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (!stuck.isEmpty()) {
      boolean endedMeanwhile;
      synchronized (lifecycle) {
        endedMeanwhile = running == 0;
        releaseWhenStopped = !endedMeanwhile;
      }
      if (!endedMeanwhile) {
        giveUpOn(stuck);
      }
    }
    releaseMemory();
  }

  /**
   * A thread that ignores the stop (a processor stuck in a call that ignores interrupts) may still
   * use the ring and its slab, so their memory is not freed under it: the last such thread frees it
   * when it ends. The budget is closed now all the same, so that the leak is reported here, naming
   * everything still held, rather than found later as an open budget.
   */
  private void giveUpOn(List<String> stuck) {
    IllegalStateException e =
        new IllegalStateException(
            "pipeline '"
                + options.name()
                + "' threads did not stop within "
                + JOIN_MILLIS
                + " ms: "
                + stuck
                + "; the memory they may use is freed when the last of them ends, and is reported"
                + " as leaked until then");
    try {
      budget.close();
    } catch (MemoryLeakException leak) {
      e.addSuppressed(leak);
    }
    throw e;
  }

  private void releaseMemory() {
    for (SampleSlot slot : sampleSlots) {
      slot.close();
    }
    boolean closeBudget;
    synchronized (lifecycle) {
      for (int i = 0; i < slabCount; i++) {
        BatchSlot slot = slots[i];
        if (slot.state != BatchSlot.HANDED) {
          slot.state = BatchSlot.FREE;
          slot.memory.close();
        }
      }
      closeBudget = slabsHeld == 0;
    }
    if (closeBudget) {
      budget.close();
    }
  }

  // ---- called by the reader, the workers and batches ----

  boolean isStopping() {
    return stopping;
  }

  @Nullable BatchSlot pollFreeSlab(long timeout, TimeUnit unit) throws InterruptedException {
    return free.poll(timeout, unit);
  }

  void addReadNanos(long nanos) {
    readNanos.add(nanos);
  }

  void addProcessNanos(long nanos) {
    processNanos.add(nanos);
  }

  /** Called by the thread that wrote a batch's last sample. */
  void complete(BatchSlot batch) {
    if (batch.hasFailures() && !batch.discard) {
      batch.replaceFailed();
    }
    batch.state = BatchSlot.COMPLETE;
    wakeConsumer();
  }

  void readerDone(long batches) {
    totalBatches = batches;
    readerDone = true;
    wakeConsumer();
  }

  void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      stopping = true;
      barrier.alert();
      wakeConsumer();
    } else {
      // A later failure (another worker, a close that failed after the first error) is kept.
      Throwable first = failure.get();
      if (first != null && first != t) {
        first.addSuppressed(t);
      }
    }
  }

  private void wakeConsumer() {
    Thread waiter = consumerWaiting;
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
  }

  void recycle(BatchSlot slot) {
    boolean closeBudget = false;
    synchronized (lifecycle) {
      slabsHeld--;
      if (closed) {
        slot.state = BatchSlot.FREE;
        slot.memory.close();
        closeBudget = slabsHeld == 0;
      } else {
        slot.state = BatchSlot.FREE;
        free.add(slot);
      }
    }
    if (closeBudget) {
      budget.close();
    }
  }

  /**
   * A consumer that keeps every batch open leaves no slab to fill, so waiting would never end: say
   * so at once instead of parking forever.
   */
  private void throwIfConsumerHoldsEverySlab() {
    int held;
    synchronized (lifecycle) {
      held = slabsHeld;
    }
    if (held >= slabCount) {
      throw new IllegalStateException(
          "pipeline '"
              + options.name()
              + "': the consumer holds all "
              + held
              + " batch slabs, so no further batch can be filled and next() would wait forever;"
              + " close each batch when done with it (copy out what must outlive the step), or"
              + " raise prefetchBatches="
              + options.prefetchBatches()
              + " (expected: more than the number of batches held open at once)");
    }
  }

  private void ensureOpen() {
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("pipeline '" + options.name() + "' is closed");
      }
    }
  }

  private void throwIfFailed() {
    Throwable t = failure.get();
    if (t != null) {
      throw new PipelineException(
          "pipeline '" + options.name() + "' stopped: " + t.getMessage(), t);
    }
  }
}
