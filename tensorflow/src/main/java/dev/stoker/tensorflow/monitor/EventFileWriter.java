package dev.stoker.tensorflow.monitor;

import dev.stoker.core.Checks;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A TensorBoard event file: a TFRecord file of {@code tensorflow.Event} protobuf messages, named
 * {@code events.out.tfevents.<seconds>.<host>} as TensorFlow names them. The messages are
 * TensorFlow Java's own {@link Event} and {@link Summary} classes; the framing is Stoker's {@link
 * TfRecordWriter}. The first record is the {@code file_version} event TensorBoard looks for; each
 * {@link #scalars} call adds one point to one or more charts.
 *
 * <p>Every call writes its records through to the file before it returns, so TensorBoard shows an
 * epoch while the next one trains.
 *
 * <p><b>Ownership and threading.</b> The creator owns the file and closes it; one thread at a time.
 * After {@link #close()} the write methods throw {@link IllegalStateException}; {@code close()} is
 * idempotent.
 */
public final class EventFileWriter implements AutoCloseable {
  /** The version string TensorBoard expects in a file's first event. */
  public static final String FILE_VERSION = "brain.Event:2";

  /** A few events per call: a small buffer, not the shard writer's default 256 KiB, per call. */
  private static final TfRecordWriterOptions FRAMING =
      TfRecordWriterOptions.builder().bufferSize(4096).build();

  private final OutputStream file;
  private final Path path;
  private boolean closed;

  private EventFileWriter(OutputStream file, Path path) {
    this.file = file;
    this.path = path;
  }

  /**
   * Creates an event file in a folder and writes its version event.
   *
   * @param dir the run's log folder, created if missing
   * @param wallTime the creation time in seconds since the epoch, also the file name's number
   * @param host the host name used in the file name
   * @return the open file, owned by the caller
   * @throws IOException when the file cannot be created or written
   */
  public static EventFileWriter create(Path dir, double wallTime, String host) throws IOException {
    Checks.require(!host.isEmpty() && host.indexOf('/') < 0, "host", host, "a name without '/'");
    Files.createDirectories(dir);
    Path path = dir.resolve("events.out.tfevents." + (long) wallTime + "." + host);
    EventFileWriter writer = new EventFileWriter(Files.newOutputStream(path), path);
    try {
      writer.write(
          List.of(Event.newBuilder().setWallTime(wallTime).setFileVersion(FILE_VERSION).build()));
    } catch (IOException | RuntimeException e) {
      try {
        writer.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return writer;
  }

  /**
   * Appends one scalar event per entry, all at the same step and wall time.
   *
   * @param wallTime seconds since the epoch
   * @param step the step (per-epoch charts use the epoch, from 0, as Keras does)
   * @param scalars the charts' names (tags, such as {@code epoch_loss}) and values, in the order
   *     written
   * @throws IOException when the write fails
   * @throws IllegalStateException when the file is closed
   */
  public void scalars(double wallTime, long step, Map<String, Double> scalars) throws IOException {
    List<Event> events =
        scalars.entrySet().stream()
            .map(
                e ->
                    Event.newBuilder()
                        .setWallTime(wallTime)
                        .setStep(step)
                        .setSummary(
                            Summary.newBuilder()
                                .addValue(
                                    Summary.Value.newBuilder()
                                        .setTag(e.getKey())
                                        .setSimpleValue(e.getValue().floatValue())))
                        .build())
            .toList();
    write(events);
  }

  private void write(List<Event> events) throws IOException {
    if (closed) {
      throw new IllegalStateException(path + ": event file is closed");
    }
    // A TfRecordWriter per call, over a stream that only flushes when the writer closes it: the
    // records are framed by the shared writer and still reach the file before this call returns.
    try (TfRecordWriter writer = TfRecordWriter.open(new FlushOnClose(file), FRAMING)) {
      for (Event e : events) {
        writer.write(e.toByteArray());
      }
    }
  }

  /**
   * Returns where the file is.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      file.close();
    }
  }

  /** Passes writes through; {@code close()} flushes and leaves the file open. */
  private static final class FlushOnClose extends FilterOutputStream {
    FlushOnClose(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
