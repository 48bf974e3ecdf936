package dev.stoker.convert;

import dev.stoker.core.error.SampleError;
import dev.stoker.io.Cursor;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.function.LongToIntFunction;

/**
 * Reads one epoch of an io {@link Source} into a {@link SampleSink}: every sample once, in the
 * source's seeded order, bad samples reported to the sink with their place and reason.
 */
final class StreamDrain {
  /** How a sample's {@code image/filename} is formed from where it was read. */
  interface Naming {
    String filename(SampleStream stream);
  }

  private StreamDrain() {}

  static void drain(
      Source source, long seed, LongToIntFunction splitOf, Naming naming, SampleSink sink)
      throws IOException, InterruptedException {
    drain(source, 0, seed, splitOf, naming, sink);
  }

  /**
   * Drains a source that is one part of a larger dataset: its sample ids are offset by {@code
   * firstId}, so samples and skips carry the dataset-wide id a whole-dataset drain would give them.
   */
  static void drain(
      Source source,
      long firstId,
      long seed,
      LongToIntFunction splitOf,
      Naming naming,
      SampleSink sink)
      throws IOException, InterruptedException {
    try (SampleStream stream = source.open(Cursor.start(seed, 0), Sharding.SINGLE)) {
      while (true) {
        if (Thread.interrupted()) {
          throw new InterruptedException(
              "tfrecord-convert interrupted while reading " + source.name());
        }
        try {
          if (!stream.next()) {
            return;
          }
        } catch (SampleReadException e) {
          SampleError error = e.error();
          long id = firstId + e.sampleId();
          sink.skip(
              splitOf.applyAsInt(id),
              id,
              error.source() + " at " + error.position(),
              error.reason());
          if (!e.canContinue()) {
            return;
          }
          continue;
        }
        long id = firstId + stream.sampleId();
        sink.accept(
            new InputSample(
                splitOf.applyAsInt(id),
                id,
                stream.label(),
                naming.filename(stream),
                stream.bytes().toArray(ValueLayout.JAVA_BYTE),
                false));
      }
    }
  }
}
