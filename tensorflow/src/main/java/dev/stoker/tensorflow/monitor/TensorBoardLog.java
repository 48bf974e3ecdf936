package dev.stoker.tensorflow.monitor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run's TensorBoard log, laid out as Keras' {@code TensorBoard} callback lays it out:
 * {@code <logDir>/train/events.out.tfevents.*} and {@code
 * <logDir>/validation/events.out.tfevents.*}, so {@code tensorboard --logdir <logDir>} draws
 * training and validation as two runs on one chart.
 *
 * <p>{@link #write} routes each metric of an epoch: {@code val_x} goes to the validation run as
 * {@code epoch_x}, {@code x} to the training run as {@code epoch_x}, and Stoker's input metrics
 * ({@link InputStats#IMAGES_PER_SECOND}, {@link InputStats#INPUT_STALL}) to the training run under
 * their own names. The step is the epoch, from 0.
 *
 * <p><b>Ownership and threading.</b> The creator owns the log and closes it, which closes both
 * files; one thread at a time. Each {@link #write} reaches the files before it returns.
 */
public final class TensorBoardLog implements AutoCloseable {
  private final EventFileWriter train;
  private final EventFileWriter validation;

  private TensorBoardLog(EventFileWriter train, EventFileWriter validation) {
    this.train = train;
    this.validation = validation;
  }

  /**
   * Opens a log. Event files an earlier run left in {@code train/} and {@code validation/} are
   * deleted, so TensorBoard shows this run alone.
   *
   * @param logDir the run's log folder, created if missing
   * @return the log, owned by the caller
   * @throws IOException when a folder or file cannot be created, or an old file deleted
   */
  public static TensorBoardLog create(Path logDir) throws IOException {
    double now = System.currentTimeMillis() / 1000.0;
    String host = hostName();
    Path trainDir = logDir.resolve("train");
    Path validationDir = logDir.resolve("validation");
    removeOldEvents(trainDir);
    removeOldEvents(validationDir);
    EventFileWriter train = EventFileWriter.create(trainDir, now, host);
    try {
      return new TensorBoardLog(train, EventFileWriter.create(validationDir, now, host));
    } catch (IOException | RuntimeException e) {
      try {
        train.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Writes one epoch's metrics.
   *
   * @param epoch the epoch, from 0: the charts' step
   * @param logs the epoch's metrics, named as in {@link History}
   * @throws IOException when a write fails
   */
  public void write(int epoch, Map<String, Double> logs) throws IOException {
    Map<String, Double> trainScalars = new LinkedHashMap<>();
    Map<String, Double> validationScalars = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      String name = e.getKey();
      if (name.startsWith(History.VALIDATION_PREFIX)) {
        validationScalars.put(
            "epoch_" + name.substring(History.VALIDATION_PREFIX.length()), e.getValue());
      } else if (name.equals(InputStats.IMAGES_PER_SECOND) || name.equals(InputStats.INPUT_STALL)) {
        trainScalars.put(name, e.getValue());
      } else {
        trainScalars.put("epoch_" + name, e.getValue());
      }
    }
    double now = System.currentTimeMillis() / 1000.0;
    train.scalars(now, epoch, trainScalars);
    validation.scalars(now, epoch, validationScalars);
  }

  /**
   * Returns the training run's event file.
   *
   * @return the path
   */
  public Path trainFile() {
    return train.path();
  }

  /**
   * Returns the validation run's event file.
   *
   * @return the path
   */
  public Path validationFile() {
    return validation.path();
  }

  @Override
  public void close() throws IOException {
    try {
      train.close();
    } finally {
      validation.close();
    }
  }

  private static void removeOldEvents(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "events.out.tfevents.*")) {
      for (Path f : files) {
        Files.delete(f);
      }
    }
  }

  private static String hostName() {
    try {
      String clean = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
      return clean.isEmpty() ? "localhost" : clean;
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
