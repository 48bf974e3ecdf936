/**
 * The tools' implementation: a small argument parser ({@link dev.stoker.cli.internal.Args}), one
 * {@link dev.stoker.cli.internal.Command} per subcommand. {@code tfrecord-convert}'s engine and
 * rules live in {@code dev.stoker.convert}, shared with the Spark job. Not API: it changes with the
 * tools.
 */
@NullMarked
package dev.stoker.cli.internal;

import org.jspecify.annotations.NullMarked;
