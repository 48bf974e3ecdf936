package dev.stoker.convert;

import java.io.IOException;

/** Where a {@link SampleFeed} delivers what it reads, in input order, on one thread. */
public interface SampleSink {
  /**
   * Takes a sample.
   *
   * @param sample the sample, which the sink now owns
   * @throws IOException when writing fails or a strict run stops
   */
  void accept(InputSample sample) throws IOException;

  /**
   * Records a sample that could not be read.
   *
   * @param split the index of its output split
   * @param where the file, and row or offset, it came from
   * @param reason why it was skipped
   * @throws IOException when a strict run stops
   */
  void skip(int split, String where, String reason) throws IOException;
}
