/**
 * TFRecord streams: the frame layout ({@link dev.stoker.tfrecord.TfRecordFrame}), a strict reader
 * ({@link dev.stoker.tfrecord.TfRecordReader}) that yields each payload as a view into one reused
 * off-heap buffer, a writer whose output matches TensorFlow's byte for byte ({@link
 * dev.stoker.tfrecord.TfRecordWriter}), and index files in NVIDIA DALI's format for random access
 * ({@link dev.stoker.tfrecord.TfRecordIndex}).
 *
 * <p>Damage is never skipped silently: every failed check is a {@link
 * dev.stoker.tfrecord.TfRecordException} (an {@link java.io.IOException}) naming the source, the
 * record index, the byte offset of the record's header and the check. The payloads are usually
 * {@code tf.train.Example} messages, read in place by the classes in {@code
 * dev.stoker.tfrecord.example}.
 */
@NullMarked
package dev.stoker.tfrecord;

import org.jspecify.annotations.NullMarked;
