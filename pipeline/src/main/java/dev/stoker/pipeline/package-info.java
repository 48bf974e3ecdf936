/**
 * The pipeline: a reader, a Disruptor ring of encoded samples, a pool of decode workers and
 * preallocated batch slabs, handed to the consumer as {@link dev.stoker.pipeline.Batch}es. Start at
 * {@link dev.stoker.pipeline.Pipeline} and {@link dev.stoker.pipeline.PipelineOptions}.
 */
@NullMarked
package dev.stoker.pipeline;

import org.jspecify.annotations.NullMarked;
