/**
 * The command line both conversion tools share, {@code tfrecord-convert} and the Spark job: their
 * common options and the one checker of their values ({@link
 * dev.stoker.convert.cli.ConvertSettings}), the value checks every Stoker tool uses ({@link
 * dev.stoker.convert.cli.OptionValues}) and the one line a wrong command line gets, with exit
 * status 2 ({@link dev.stoker.convert.cli.UsageLine}). Messages read {@code --name=value (expected:
 * …)}.
 *
 * <p>Built on picocli, which {@code stoker-convert} declares optional: the tools bring it, and a
 * library user who converts from code with {@link dev.stoker.convert.ConvertOptions} does not need
 * it. Public because the tools live in other modules; it changes with them, so it is not an API to
 * build on.
 */
@NullMarked
package dev.stoker.convert.cli;

import org.jspecify.annotations.NullMarked;
