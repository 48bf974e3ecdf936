/**
 * The tools' implementation: a small argument parser ({@link dev.stoker.cli.internal.Args}), one
 * {@link dev.stoker.cli.internal.Command} per subcommand, and the conversion engine behind {@code
 * tfrecord-convert}. Not API: it changes with the tools.
 */
@NullMarked
package dev.stoker.cli.internal;

import org.jspecify.annotations.NullMarked;
