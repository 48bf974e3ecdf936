/**
 * {@code stoker demo}: the README's first job, end to end and with nothing to download.
 *
 * <p>{@link dev.stoker.cli.demo.DemoCommand} generates a deterministic dataset of JPEGs of six
 * shape classes as class folders ({@code ShapeDataset}), converts it to TFRecord shards with {@code
 * tfrecord-convert} (80/10/10), and trains a small convolutional network ({@code SmallCnn}, built
 * from raw TensorFlow ops with an Adam step written on {@code ApplyAdam}) in a TensorFlow Java
 * session. The shards are read through the Keras-style front door ({@link
 * dev.stoker.tensorflow.dataset.ImageDataset}, with an {@code ImageDataGenerator}-style {@link
 * dev.stoker.augment.KerasAugmentation}), whose batch slabs are the session's input tensors. The
 * training monitoring is the library's ({@link dev.stoker.tensorflow.monitor}): the per-epoch line
 * with the pipeline's images/s and input stall, the history as TensorBoard event files of
 * TensorFlow's {@code Event} protos, and the PNG chart; the demo adds an HTML report.
 */
@NullMarked
package dev.stoker.cli.demo;

import org.jspecify.annotations.NullMarked;
