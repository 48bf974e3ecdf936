package dev.stoker.pipeline;

import dev.stoker.core.error.SampleException;
import java.io.IOException;

/**
 * The samples of one epoch in planned order, as the pipeline's reader thread pulls them.
 *
 * <p><b>Ownership and threading.</b> Opened by {@link SampleSource#open}, used and closed by the
 * pipeline's single reader thread.
 */
public interface SampleReader extends AutoCloseable {
  /**
   * Advances to the next planned sample.
   *
   * @return false at the end of this reader's share of the epoch
   * @throws SampleException when this one sample cannot be read; the reader stays positioned after
   *     it, so the caller may apply its error policy and go on
   * @throws IOException when the source fails as a whole; reading cannot go on
   */
  boolean next() throws IOException;

  /**
   * Returns the sample {@link #next()} moved to. Valid until the next call of {@code next()}.
   *
   * @return the current sample
   */
  EncodedSample current();

  @Override
  void close() throws IOException;
}
