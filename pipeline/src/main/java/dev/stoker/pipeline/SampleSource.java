package dev.stoker.pipeline;

import java.io.IOException;

/**
 * A dataset as the pipeline sees it: for each epoch, a planned order of samples from a given
 * position on.
 *
 * <p>The plan must depend only on {@code (seed, epoch)} and this source's own configuration (its
 * split and its share of a multi-machine job), so that a pipeline resumed at {@code (seed, epoch,
 * position)} reads exactly what the uninterrupted one would have read next.
 */
public interface SampleSource {
  /**
   * Returns a short name for reports and errors.
   *
   * @return the name
   */
  String name();

  /**
   * Opens one epoch's samples, starting at a position in the planned order.
   *
   * @param seed the run's seed
   * @param epoch the epoch
   * @param position how many planned samples to skip: 0 for a fresh epoch
   * @return the reader, owned by the caller
   * @throws IOException when the source cannot be opened
   */
  SampleReader open(long seed, long epoch, long position) throws IOException;
}
