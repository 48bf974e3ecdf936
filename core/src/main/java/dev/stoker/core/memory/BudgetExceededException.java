package dev.stoker.core.memory;

import java.io.Serial;

/**
 * Thrown when an allocation or reservation would take a {@link MemoryBudget} past its limit.
 * Nothing was allocated when this is thrown.
 */
public final class BudgetExceededException extends IllegalStateException {
  @Serial private static final long serialVersionUID = 1L;

  BudgetExceededException(String message) {
    super(message);
  }
}
