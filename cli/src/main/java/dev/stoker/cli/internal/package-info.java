/**
 * The tools' implementation: one picocli command per subcommand, each a {@link
 * dev.stoker.cli.internal.ToolCommand}, run by {@link dev.stoker.cli.internal.Dispatch}, which maps
 * outcomes to exit statuses. The value checks ({@code OptionValues}), the usage line and the
 * options and checks of {@code tfrecord-convert} live in {@code dev.stoker.convert.cli}, and its
 * engine and rules in {@code dev.stoker.convert}, shared with the Spark job. Not API: it changes
 * with the tools.
 */
@NullMarked
package dev.stoker.cli.internal;

import org.jspecify.annotations.NullMarked;
