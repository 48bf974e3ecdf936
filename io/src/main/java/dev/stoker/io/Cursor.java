package dev.stoker.io;

import dev.stoker.core.Checks;

/**
 * The whole position of a sample stream: which run ({@code seed}), which pass over the data ({@code
 * epoch}), and how many samples of this rank's share were already delivered ({@code position}).
 *
 * <p>With the same source, options and {@link Sharding}, a stream opened at {@code (seed, epoch,
 * k)} yields exactly the samples that the stream opened at {@code (seed, epoch, 0)} yields after
 * its first {@code k}: a checkpoint needs these three numbers and nothing else.
 *
 * @param seed the run's seed
 * @param epoch the epoch, from 0
 * @param position how many of this rank's samples of the epoch come before the next one, from 0
 */
public record Cursor(long seed, long epoch, long position) {
  /**
   * Validates the cursor.
   *
   * @throws IllegalArgumentException when {@code epoch} or {@code position} is negative
   */
  public Cursor {
    Checks.require(epoch >= 0, "epoch", epoch, ">= 0");
    Checks.require(position >= 0, "position", position, ">= 0");
  }

  /**
   * Returns the cursor at the start of an epoch.
   *
   * @param seed the run's seed
   * @param epoch the epoch
   * @return {@code (seed, epoch, 0)}
   */
  public static Cursor start(long seed, long epoch) {
    return new Cursor(seed, epoch, 0);
  }
}
