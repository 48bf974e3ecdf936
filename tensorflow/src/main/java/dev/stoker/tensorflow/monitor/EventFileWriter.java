package dev.stoker.cli.demo;

import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TensorBoard event file: a TFRecord file of {@code tensorflow.Event} messages, written with
 * Stoker's {@link TfRecordWriter}, named {@code events.out.tfevents.<seconds>.<host>} as TensorFlow
 * names them. The first record is the {@code file_version} event; each {@link #scalar} adds one
 * point to a chart.
 *
 * <p><b>Ownership and threading.</b> The creator owns the file and closes it; one thread at a time.
 * Records reach the disk when the file is closed.
 */
final class EventFile implements AutoCloseable {
  private final TfRecordWriter writer;
  private final Path path;

  private EventFile(TfRecordWriter writer, Path path) {
    this.writer = writer;
    this.path = path;
  }

  /**
   * Creates an event file in a folder and writes its version event.
   *
   * @param dir the run's log folder, created if missing
   * @param wallTime the creation time in seconds since the epoch
   * @param host the host name used in the file name
   * @return the open file
   * @throws IOException when the file cannot be created
   */
  static EventFile create(Path dir, double wallTime, String host) throws IOException {
    Files.createDirectories(dir);
    Path path = dir.resolve("events.out.tfevents." + (long) wallTime + "." + host);
    TfRecordWriter writer = TfRecordWriter.open(path, TfRecordWriterOptions.defaults());
    try {
      writer.write(EventEncoder.fileVersion(wallTime));
    } catch (IOException | RuntimeException e) {
      try {
        writer.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return new EventFile(writer, path);
  }

  /**
   * Appends one scalar.
   *
   * @param wallTime seconds since the epoch
   * @param step the step
   * @param tag the chart's name
   * @param value the value
   * @throws IOException when the write fails
   */
  void scalar(double wallTime, long step, String tag, float value) throws IOException {
    writer.write(EventEncoder.scalar(wallTime, step, tag, value));
  }

  /**
   * Returns where the file is.
   *
   * @return the path
   */
  Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
