/**
 * The counter-based random generator keyed by {@code (seed, epoch, sampleId)} and a stream index:
 * {@link dev.stoker.core.random.KeyedRandom}.
 */
@NullMarked
package dev.stoker.core.random;

import org.jspecify.annotations.NullMarked;
