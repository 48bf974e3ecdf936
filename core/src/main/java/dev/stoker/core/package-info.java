/**
 * The shared vocabulary of Stoker, on the JDK alone.
 *
 * <ul>
 *   <li>{@link dev.stoker.core.ElementType}, {@link dev.stoker.core.ChannelOrder} and {@link
 *       dev.stoker.core.BatchLayout}: what a batch of images looks like in memory;
 *   <li>{@link dev.stoker.core.memory}: named off-heap memory budgets that fail loudly on leaks;
 *   <li>{@link dev.stoker.core.error}: what happens when one sample is bad;
 *   <li>{@link dev.stoker.core.random}: the generator keyed by {@code (seed, epoch, sampleId)} that
 *       makes every random choice reproducible on any thread;
 *   <li>{@link dev.stoker.core.Checks}: the one message form for rejected options.
 * </ul>
 */
@NullMarked
package dev.stoker.core;

import org.jspecify.annotations.NullMarked;
