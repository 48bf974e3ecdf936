package dev.stoker.pipeline;

import java.lang.foreign.MemorySegment;

/**
 * Turns one encoded sample into its final values in a batch slab: decode, crop, resize, augment,
 * normalise, cast, in whatever fused form the implementation has.
 *
 * <p><b>Ownership and threading.</b> Each decode worker creates its own processor through the
 * {@link Factory} on its own thread, calls it only from that thread, and closes it when the
 * pipeline stops. An implementation can therefore keep thread-confined state (a native decoder
 * handle, scratch buffers) without locks, and must allocate it from {@link WorkerContext#scratch()}
 * or free it in {@link #close()}.
 */
public interface SampleProcessor extends AutoCloseable {
  /**
   * Writes one sample at its place in a batch.
   *
   * @param sample the encoded sample; valid only during this call
   * @param images the batch slab's image memory
   * @param index the sample's index within the batch
   * @throws Exception when the sample is bad; the pipeline applies its error policy
   */
  void process(EncodedSample sample, MemorySegment images, int index) throws Exception;

  /** Releases the processor's resources. Called once, on the worker's thread. */
  @Override
  void close();

  /** Creates one processor per decode worker. */
  @FunctionalInterface
  interface Factory {
    /**
     * Creates a processor for one worker. Called on that worker's thread.
     *
     * @param context the worker's index, the seed, the slab layout and the scratch budget
     * @return a new processor, owned by the worker
     */
    SampleProcessor create(WorkerContext context);
  }
}
