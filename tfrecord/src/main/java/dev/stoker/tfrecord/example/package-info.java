/**
 * {@code tf.train.Example} without protobuf-java: a zero-copy, lazy reader ({@link
 * dev.stoker.tfrecord.example.ExampleReader}, {@link dev.stoker.tfrecord.example.FeatureView},
 * {@link dev.stoker.tfrecord.example.FeatureKey}), a writer whose bytes equal protobuf-java's
 * ({@link dev.stoker.tfrecord.example.ExampleWriter}), and the proto3 JSON form as protobuf's
 * {@code JsonFormat} prints it ({@link dev.stoker.tfrecord.example.ExampleJson}).
 *
 * <p>The reader follows the protobuf specification; {@link
 * dev.stoker.tfrecord.example.ExampleReader} documents the two places where TensorFlow's own parser
 * departs from it.
 */
@NullMarked
package dev.stoker.tfrecord.example;

import org.jspecify.annotations.NullMarked;
