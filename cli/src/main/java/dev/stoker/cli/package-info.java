/**
 * The command-line tools, packaged as one runnable jar launched by {@code bin/stoker} and {@code
 * bin/tfrecord-convert}.
 *
 * <p>{@link dev.stoker.cli.TfRecordConvert} turns image folders, Hugging Face Parquet shards or
 * TFRecord shards into balanced, shuffled TFRecord shards in the schema of TensorFlow's ImageNet
 * conversion script, with a {@code manifest.json}. {@link dev.stoker.cli.Stoker} inspects, verifies
 * and indexes TFRecord files.
 *
 * <p>Both expose {@code run(args, out, err)}, which returns the exit status instead of exiting, so
 * tests drive them in-process: 0 success, 1 bad data or failed I/O, 2 a bad command line.
 */
@NullMarked
package dev.stoker.cli;

import org.jspecify.annotations.NullMarked;
