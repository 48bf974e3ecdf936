/**
 * Stoker's TensorFlow Java adapter: batch slabs that are TensorFlow tensors, so that feeding a
 * batch to a session copies nothing, and TensorFlow's own {@code DecodeJpeg} op as a JPEG decoder
 * for machines without libjpeg-turbo.
 *
 * <pre>{@code
 * PipelineOptions options = PipelineOptions.builder()
 *     ...
 *     .allocator(TensorBatchAllocator.create())                 // slabs are TF tensors
 *     .processor(TensorDecoders.processorFactory(augmentation, DecodeOptions.defaults()))
 *     .build();
 * try (Pipeline pipeline = Pipeline.open(options)) {
 *   while (pipeline.hasNext()) {
 *     try (Batch batch = pipeline.next();
 *         TensorBatch tensors = TensorBatch.of(batch)) {        // lends the slab's own tensors
 *       session.runner().feed("images", tensors.images()).feed("labels", tensors.labels())
 *           .addTarget("train").run();
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>The central types are {@link dev.stoker.tensorflow.TensorBatchAllocator} (where the tensors
 * come from and what they cost), {@link dev.stoker.tensorflow.TensorBatch} (how a consumer borrows
 * them, and when it gets copies instead) and {@link dev.stoker.tensorflow.TfDecodeJpegDecoder}.
 */
@NullMarked
package dev.stoker.tensorflow;

import org.jspecify.annotations.NullMarked;
