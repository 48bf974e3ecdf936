package dev.stoker.core.memory;

import java.util.List;

/**
 * A read-only view of one {@link MemoryBudget}'s accounting. Every value is a snapshot that may be
 * stale as soon as it is returned; none of them blocks an allocating thread.
 */
public interface MemoryMetrics {
  /**
   * Returns the budget's name, as given when it was created.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the most bytes the budget lets its owners hold at once.
   *
   * @return the limit in bytes
   */
  long limitBytes();

  /**
   * Returns the bytes held now, by this budget's allocations and reservations and those of its
   * children.
   *
   * @return the bytes outstanding
   */
  long usedBytes();

  /**
   * Returns the most bytes ever held at once.
   *
   * @return the high-water mark in bytes
   */
  long peakBytes();

  /**
   * Returns how many allocations and reservations made directly on this budget are outstanding.
   *
   * @return the outstanding count, children excluded
   */
  int outstandingCount();

  /**
   * Returns what is held now, one entry per outstanding allocation or reservation, of this budget
   * and of its open children: {@code "purpose (bytes)"} for its own, prefixed with {@code "child/"}
   * for a child's. It tells who holds the memory, for reports and for tests that check which
   * components drew on a budget.
   *
   * @return a sorted snapshot
   */
  List<String> outstandingPurposes();
}
