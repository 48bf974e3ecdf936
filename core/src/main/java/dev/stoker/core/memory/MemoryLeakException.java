package dev.stoker.core.memory;

import java.io.Serial;

/**
 * Thrown by {@link MemoryBudget#close()} when memory is still outstanding. The message names the
 * budget, the bytes and every outstanding allocation's purpose.
 */
public final class MemoryLeakException extends IllegalStateException {
  @Serial private static final long serialVersionUID = 1L;

  MemoryLeakException(String message) {
    super(message);
  }
}
