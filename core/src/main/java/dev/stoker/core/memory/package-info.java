/**
 * Named off-heap memory budgets. Every off-heap byte Stoker holds is allocated from, or reserved
 * against, a {@link dev.stoker.core.memory.MemoryBudget}, which fails loudly when an allocation
 * would pass its limit and when it is closed with anything outstanding.
 */
@NullMarked
package dev.stoker.core.memory;

import org.jspecify.annotations.NullMarked;
