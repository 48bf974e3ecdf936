package dev.stoker.convert;

import java.io.IOException;
import java.util.List;

/**
 * A conversion's input: which output splits it fills, how many samples each gets, the class names,
 * and a pass that reads every sample once.
 *
 * <p>Owned by the converter, which closes it; used from one thread.
 */
public interface SampleFeed extends AutoCloseable {
  /**
   * Returns the output splits' names ({@code train}, {@code validation}, {@code test}), in order.
   *
   * @return the names
   */
  List<String> splitNames();

  /**
   * Returns how many samples each split receives, known before reading.
   *
   * @return the counts, indexed like {@link #splitNames()}
   */
  long[] splitCounts();

  /**
   * Returns the class names, indexed by label, or an empty list when the input has none.
   *
   * @return the names
   */
  List<String> labelNames();

  /**
   * Returns what kind of input this is, for the manifest.
   *
   * @return {@code folder}, {@code parquet} or {@code tfrecord}
   */
  String kind();

  /**
   * Reads every sample once, in input order, into the sink.
   *
   * @param sink where samples go
   * @throws IOException when the input fails beyond one sample, or the sink stops
   * @throws InterruptedException when the thread is interrupted
   */
  void feed(SampleSink sink) throws IOException, InterruptedException;

  @Override
  void close() throws IOException;
}
