package dev.stoker.pipeline;

import dev.stoker.core.Checks;
import java.io.Serializable;

/**
 * The whole position of a pipeline: enough to resume it exactly, on any number of threads.
 *
 * <p>A pipeline built with the same options and {@link PipelineOptions.Builder#resumeFrom} this
 * state delivers exactly the batches that the uninterrupted run would have delivered next. Save it
 * with a model checkpoint; {@link #toString()} and {@link #parse(String)} give a one-line text
 * form.
 *
 * @param seed the run's seed
 * @param epoch the epoch the next batch belongs to
 * @param position how many samples of that epoch were already delivered
 */
public record PipelineState(long seed, long epoch, long position) implements Serializable {
  /**
   * Validates the state.
   *
   * @throws IllegalArgumentException when the epoch or position is negative
   */
  public PipelineState {
    Checks.require(epoch >= 0, "epoch", epoch, ">= 0");
    Checks.require(position >= 0, "position", position, ">= 0");
  }

  /**
   * Parses the text form {@code seed:epoch:position}.
   *
   * @param text the text form
   * @return the state
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static PipelineState parse(String text) {
    String[] parts = text.split(":", -1);
    Checks.require(parts.length == 3, "state", text, "seed:epoch:position");
    try {
      return new PipelineState(
          Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(Checks.message("state", text, "seed:epoch:position"), e);
    }
  }

  @Override
  public String toString() {
    return seed + ":" + epoch + ":" + position;
  }
}
