package dev.stoker.pipeline;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.memory.MemoryBudget;

/**
 * What a decode worker's {@link SampleProcessor} is told when it is created.
 *
 * @param workerIndex which worker, from 0
 * @param seed the run's seed; with a sample's epoch and id it keys every random choice
 * @param layout the layout of the batch slabs that samples are written into
 * @param scratch the budget this worker's scratch memory is allocated from
 */
public record WorkerContext(int workerIndex, long seed, BatchLayout layout, MemoryBudget scratch) {}
