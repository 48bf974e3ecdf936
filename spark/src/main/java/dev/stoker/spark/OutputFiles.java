package dev.stoker.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** The file moves of the job's commit protocol, on the output's Hadoop file system. Stateless. */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * Opens a private instance of the output's file system, without {@code .crc} side files, so the
   * output folder holds what {@code tfrecord-convert} writes and nothing else. The caller closes
   * it.
   */
  static FileSystem open(org.apache.hadoop.fs.Path dir, Configuration conf) throws IOException {
    FileSystem fs = FileSystem.newInstance(dir.toUri(), conf);
    fs.setWriteChecksum(false);
    fs.setVerifyChecksum(false);
    return fs;
  }

  /**
   * Copies a task attempt's local file into {@code dir} under the attempt's own name, then renames
   * it to the file's name unless another attempt committed first (same bytes), in which case the
   * copy is deleted.
   *
   * @param fail whether to fail between the copy and the rename (a test's injected failure)
   */
  static void commitAttempt(
      FileSystem fs, Path local, org.apache.hadoop.fs.Path dir, long attemptId, boolean fail)
      throws IOException {
    String name = local.getFileName().toString();
    org.apache.hadoop.fs.Path dest = new org.apache.hadoop.fs.Path(dir, name);
    org.apache.hadoop.fs.Path mine =
        new org.apache.hadoop.fs.Path(dir, "." + name + ".attempt-" + attemptId);
    fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), mine);
    if (fail) {
      throw new IllegalStateException("injected failure before committing " + dest);
    }
    if (!fs.exists(dest) && fs.rename(mine, dest)) {
      return;
    }
    fs.delete(mine, false);
    if (!fs.exists(dest)) {
      throw new IOException(dest + ": commit failed: the rename from " + mine + " did not happen");
    }
  }

  /** Moves a committed file from the job's folder into the output folder, replacing one there. */
  static void publish(FileSystem fs, org.apache.hadoop.fs.Path from, org.apache.hadoop.fs.Path to)
      throws IOException {
    if (fs.exists(to) && !fs.delete(to, false)) {
      throw new IOException(to + ": cannot replace it (expected: a writable output folder)");
    }
    if (!fs.rename(from, to)) {
      throw new IOException(to + ": cannot move " + from + " there");
    }
  }
}
