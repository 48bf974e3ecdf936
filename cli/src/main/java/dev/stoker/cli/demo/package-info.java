/**
 * {@code stoker demo}: the README's first job, end to end and with nothing to download.
 *
 * <p>{@link dev.stoker.cli.demo.DemoCommand} generates a deterministic dataset of JPEGs of six
 * shape classes as class folders ({@code ShapeDataset}), converts it to TFRecord shards with {@code
 * tfrecord-convert} (80/10/10), and trains a small convolutional network ({@code SmallCnn}, built
 * from raw TensorFlow ops with an Adam step written on {@code ApplyAdam}) in a TensorFlow Java
 * session, fed by a Stoker pipeline whose batch slabs are the session's input tensors. It prints
 * the per-epoch history with the pipeline's images/s and input stall, and writes the history as
 * TensorBoard event files (TFRecords of {@code tensorflow.Event}, encoded by {@code EventEncoder}
 * and written by Stoker's TFRecord writer), a PNG chart and an HTML report.
 */
@NullMarked
package dev.stoker.cli.demo;

import org.jspecify.annotations.NullMarked;
