package dev.stoker.core.memory;

import dev.stoker.core.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A named limit on off-heap memory, and the ledger of everything allocated under it.
 *
 * <p>Every off-heap byte Stoker holds belongs to a budget. A pipeline creates one when it is built,
 * allocates its batch slabs and ring slots from it, and closes it when it closes. The budget knows
 * each outstanding allocation by purpose, so a leak is reported with its owner's name rather than
 * found later as a slow growth in resident memory:
 *
 * <pre>{@code
 * try (MemoryBudget budget = MemoryBudget.create("pipeline", 256L << 20)) {
 *   OffHeapBuffer slab = budget.allocate("batch slab 0", 64 * 224 * 224 * 3);
 *   ...
 *   slab.close();
 * } // close() throws MemoryLeakException naming "batch slab 0" if it were still open
 * }</pre>
 *
 * <p>Budgets nest: a {@link #child(String, long) child} has a limit of its own and also draws on
 * its parent's, so a pipeline can give its slabs and its ring separate limits under one total.
 *
 * <p>Memory that something else allocates but Stoker accounts for (a TensorFlow tensor that a
 * decoder writes into) is claimed with {@link #reserve(String, long)} instead of {@link
 * #allocate(String, long)}.
 *
 * <p><b>Ownership and threading.</b> The creator owns the budget and closes it, once everything
 * allocated from it was closed. All methods are thread-safe and lock-free on the allocation path
 * except for the bookkeeping map. {@link #close()} is idempotent: the first call checks for leaks
 * and throws {@link MemoryLeakException} if any remain, naming the budget, the bytes and every
 * outstanding purpose; later calls do nothing. After close, allocating throws {@link
 * IllegalStateException}; closing an allocation made earlier is still allowed and still counted
 * back.
 */
public final class MemoryBudget implements MemoryMetrics, AutoCloseable {
  /** The alignment of {@link #allocate(String, long)}: one cache line, and enough for AVX-512. */
  public static final long DEFAULT_ALIGNMENT = 64;

  private static final Set<MemoryBudget> OPEN_ROOTS = ConcurrentHashMap.newKeySet();

  private final String name;
  private final long limit;
  private final @Nullable MemoryBudget parent;
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();
  private final AtomicLong nextId = new AtomicLong();
  private final Map<Long, Reservation> outstanding = new ConcurrentHashMap<>();
  private final Set<MemoryBudget> openChildren = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private MemoryBudget(String name, long limit, @Nullable MemoryBudget parent) {
    Checks.require(name != null && !name.isBlank(), "name", name, "a non-blank name");
    Checks.positive("limitBytes", limit);
    this.name = name;
    this.limit = limit;
    this.parent = parent;
  }

  /**
   * Creates a top-level budget.
   *
   * @param name a name that says whose memory this is, used in every error message
   * @param limitBytes the most bytes that may be outstanding at once
   * @return an open budget, which the caller must close
   */
  public static MemoryBudget create(String name, long limitBytes) {
    MemoryBudget budget = new MemoryBudget(name, limitBytes, null);
    OPEN_ROOTS.add(budget);
    return budget;
  }

  /**
   * Returns a snapshot of every top-level budget created and not yet closed, in this JVM. Leak
   * detectors in tests use it to catch budgets that were never closed.
   *
   * @return the open top-level budgets
   */
  public static List<MemoryMetrics> openBudgets() {
    return List.copyOf(OPEN_ROOTS);
  }

  /**
   * Creates a budget nested in this one. Its allocations count against both limits.
   *
   * @param childName the child's name; the full name is {@code parentName/childName}
   * @param limitBytes the child's own limit
   * @return an open child budget, which the caller must close before this one
   */
  public MemoryBudget child(String childName, long limitBytes) {
    ensureOpen();
    MemoryBudget child = new MemoryBudget(name + "/" + childName, limitBytes, this);
    openChildren.add(child);
    return child;
  }

  /**
   * Allocates zero-filled off-heap memory aligned to {@link #DEFAULT_ALIGNMENT}.
   *
   * @param purpose what the memory is for; named in leak reports
   * @param bytes the size
   * @return the buffer, owned by the caller
   * @throws BudgetExceededException when the budget, or an enclosing one, has too little left
   * @throws IllegalStateException when the budget is closed
   */
  public OffHeapBuffer allocate(String purpose, long bytes) {
    return allocate(purpose, bytes, DEFAULT_ALIGNMENT);
  }

  /**
   * Allocates zero-filled off-heap memory at the given alignment.
   *
   * @param purpose what the memory is for; named in leak reports
   * @param bytes the size
   * @param alignment a power of two
   * @return the buffer, owned by the caller
   * @throws BudgetExceededException when the budget, or an enclosing one, has too little left
   * @throws IllegalStateException when the budget is closed
   */
  public OffHeapBuffer allocate(String purpose, long bytes, long alignment) {
    Checks.require(
        alignment > 0 && Long.bitCount(alignment) == 1, "alignment", alignment, "a power of two");
    return new OffHeapBuffer(reserve(purpose, bytes), alignment);
  }

  /**
   * Claims bytes that are allocated elsewhere, so that they count against this budget.
   *
   * @param purpose what the bytes are for; named in leak reports
   * @param bytes the size
   * @return the reservation, owned by the caller
   * @throws BudgetExceededException when the budget, or an enclosing one, has too little left
   * @throws IllegalStateException when the budget is closed
   */
  public Reservation reserve(String purpose, long bytes) {
    Checks.require(bytes >= 0, "bytes", bytes, ">= 0");
    ensureOpen();
    take(purpose, bytes);
    long id = nextId.getAndIncrement();
    Reservation reservation = new Reservation(this, id, purpose, bytes);
    outstanding.put(id, reservation);
    return reservation;
  }

  private void take(String purpose, long bytes) {
    long now;
    long next;
    do {
      now = used.get();
      next = now + bytes;
      if (next > limit || next < 0) {
        throw new BudgetExceededException(
            "memory budget '"
                + name
                + "' cannot allocate "
                + bytes
                + " bytes for "
                + purpose
                + ": "
                + now
                + " of "
                + limit
                + " bytes in use");
      }
    } while (!used.compareAndSet(now, next));
    if (parent != null) {
      try {
        parent.take(purpose, bytes);
      } catch (RuntimeException e) {
        used.addAndGet(-bytes);
        throw e;
      }
    }
    peak.accumulateAndGet(next, Math::max);
  }

  void release(long id, long bytes) {
    outstanding.remove(id);
    give(bytes);
  }

  private void give(long bytes) {
    used.addAndGet(-bytes);
    if (parent != null) {
      parent.give(bytes);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("memory budget '" + name + "' is closed");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long limitBytes() {
    return limit;
  }

  @Override
  public long usedBytes() {
    return used.get();
  }

  @Override
  public long peakBytes() {
    return peak.get();
  }

  @Override
  public int outstandingCount() {
    return outstanding.size();
  }

  @Override
  public List<String> outstandingPurposes() {
    List<String> items = new ArrayList<>();
    collectPurposes("", items);
    Collections.sort(items);
    return List.copyOf(items);
  }

  private void collectPurposes(String prefix, List<String> into) {
    for (Reservation r : outstanding.values()) {
      into.add(prefix + r);
    }
    for (MemoryBudget child : openChildren) {
      child.collectPurposes(prefix + child.name.substring(name.length() + 1) + "/", into);
    }
  }

  /**
   * Tells whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the budget. The first call fails if anything allocated from it, or an open child, is
   * still outstanding; later calls do nothing.
   *
   * @throws MemoryLeakException naming the budget, the outstanding bytes and each purpose
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    OPEN_ROOTS.remove(this);
    if (parent != null) {
      parent.openChildren.remove(this);
    }
    long bytes = used.get();
    if (bytes != 0 || !outstanding.isEmpty() || !openChildren.isEmpty()) {
      throw new MemoryLeakException(leakReport(bytes));
    }
  }

  private String leakReport(long bytes) {
    List<String> items = new ArrayList<>();
    for (Reservation r : outstanding.values()) {
      items.add(r.toString());
    }
    for (MemoryBudget child : openChildren) {
      items.add("open child budget '" + child.name + "' (" + child.usedBytes() + " bytes)");
    }
    Collections.sort(items);
    return "memory budget '"
        + name
        + "' closed with "
        + bytes
        + " bytes outstanding in "
        + items.size()
        + " item(s): "
        + String.join(", ", items);
  }

  @Override
  public String toString() {
    return "MemoryBudget[" + name + ": " + used.get() + " of " + limit + " bytes]";
  }
}
