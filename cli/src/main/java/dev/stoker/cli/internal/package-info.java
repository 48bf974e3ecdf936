/**
 * The tools' implementation: one picocli command per subcommand, each a {@link
 * dev.stoker.cli.internal.ToolCommand}, run by {@link dev.stoker.cli.internal.Dispatch}, which maps
 * outcomes to exit statuses; {@link dev.stoker.cli.internal.OptionValues} checks option values.
 * {@code tfrecord-convert}'s engine and rules live in {@code dev.stoker.convert}, shared with the
 * Spark job. Not API: it changes with the tools.
 */
@NullMarked
package dev.stoker.cli.internal;

import org.jspecify.annotations.NullMarked;
