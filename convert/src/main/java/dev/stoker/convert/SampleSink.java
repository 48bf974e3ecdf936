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

  /**
   * Records a sample that could not be read, with its id when the feed knows it. The default
   * forgets the id; a sink that places samples by id (a distributed job) overrides it.
   *
   * @param split the index of its output split
   * @param id its sample id in the input
   * @param where the file, and row or offset, it came from
   * @param reason why it was skipped
   * @throws IOException when a strict run stops
   */
  default void skip(int split, long id, String where, String reason) throws IOException {
    skip(split, where, reason);
  }
}
