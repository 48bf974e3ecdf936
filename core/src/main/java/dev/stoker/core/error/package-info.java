/**
 * What happens when one sample is bad: the {@link dev.stoker.core.error.ErrorPolicy}, the {@link
 * dev.stoker.core.error.SampleError} that names the source, position and reason, and the bounded
 * {@link dev.stoker.core.error.SampleErrorLog} of skipped samples.
 */
@NullMarked
package dev.stoker.core.error;

import org.jspecify.annotations.NullMarked;
