/**
 * The engines the benchmarks compare, each set up to do the same job on the same files: Stoker's
 * pipeline ({@link dev.stoker.bench.peer.StokerJob}), TensorFlow's tf.data driven through raw graph
 * ops ({@link dev.stoker.bench.peer.TfDataPipeline}), and what a JVM user writes without either
 * ({@link dev.stoker.bench.peer.JdkPipeline}: an executor over ImageIO and Graphics2D).
 */
@NullMarked
package dev.stoker.bench.peer;

import org.jspecify.annotations.NullMarked;
