package dev.stoker.bench;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.pipeline.SampleProcessor;
import dev.stoker.pipeline.WorkerContext;
import java.lang.foreign.MemorySegment;

/**
 * One sample processor with a one-sample slab and its own memory budget, driven directly on the
 * calling thread: the pipeline's per-worker work with no pipeline around it, which is the ceiling a
 * pipeline of N workers is compared with.
 *
 * <p><b>Ownership and threading.</b> Owned by one benchmark state on one thread; {@link #close()}
 * frees everything and fails, naming the leak, if the processor kept memory.
 */
final class BareKernel implements AutoCloseable {
  private final JpegCorpus corpus;
  private final MemoryBudget budget;
  private final MemoryBudget scratch;
  private final OffHeapBuffer slab;
  private final SampleProcessor processor;
  private final CorpusSample sample = new CorpusSample();

  /**
   * Creates the kernel; it takes ownership of the corpus.
   *
   * @param name the budget's name
   * @param corpus the images to cycle through
   * @param layout the one-sample slab's layout
   * @param factory makes the processor, as the pipeline would for a worker
   */
  BareKernel(String name, JpegCorpus corpus, BatchLayout layout, SampleProcessor.Factory factory) {
    this.corpus = corpus;
    this.budget = MemoryBudget.create(name, 1L << 30);
    this.slab = budget.allocate("slab", layout.byteSize());
    this.scratch = budget.child("scratch", 512L << 20);
    this.processor = factory.create(new WorkerContext(0, 1, layout, scratch));
  }

  /**
   * Processes the corpus's next image into the slab.
   *
   * @return the slab, for the benchmark to consume
   * @throws Exception when the image fails to decode
   */
  MemorySegment processNext() throws Exception {
    sample.next(corpus);
    processor.process(sample, slab.segment(), 0);
    return slab.segment();
  }

  @Override
  public void close() {
    processor.close();
    scratch.close();
    slab.close();
    budget.close();
    corpus.close();
  }
}
