/**
 * The one-call front door for a Keras user: {@link
 * dev.stoker.tensorflow.dataset.ImageDataset#fromDirectory} mirrors {@code
 * tf.keras.utils.image_dataset_from_directory} argument by argument, and the same builder reads
 * TFRecord shards and Parquet files. See {@link dev.stoker.tensorflow.dataset.ImageDatasetBuilder}
 * for every argument and the split rule, and {@code docs/from-keras.md} for the side-by-side table.
 */
@NullMarked
package dev.stoker.tensorflow.dataset;

import org.jspecify.annotations.NullMarked;
