package dev.stoker.bench.peer;

import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.ExampleWriter;
import dev.stoker.tfrecord.example.FeatureView;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The TFRecord shard a job reads: either a shard the user names, or one written from a folder of
 * JPEGs ({@code image/encoded}, and {@code image/class/label} = the file's index modulo 10) so that
 * Stoker and tf.data read the very same bytes.
 */
public final class JobShard {
  private JobShard() {}

  /**
   * Returns the shard for a source: a {@code .tfrecord} file as it is, or a folder written into
   * {@code dir/name.tfrecord} in file-name order, at most {@code limit} files.
   *
   * @param source a TFRecord file or a folder of {@code .jpg}/{@code .jpeg} files
   * @param dir where to write a shard
   * @param limit the most files to take from a folder
   * @return the shard
   * @throws IOException when the source cannot be read or holds no JPEG
   */
  public static Path prepare(String source, Path dir, int limit) throws IOException {
    Path path = Path.of(source);
    if (Files.isRegularFile(path)) {
      return path;
    }
    List<Path> files = jpegs(path, limit);
    Path shard = dir.resolve(path.getFileName() + ".tfrecord");
    try (TfRecordWriter writer = TfRecordWriter.open(shard, TfRecordWriterOptions.defaults())) {
      ExampleWriter example = new ExampleWriter();
      for (int i = 0; i < files.size(); i++) {
        example
            .clear()
            .putBytes("image/encoded", Files.readAllBytes(files.get(i)))
            .putInt64s("image/class/label", i % 10);
        writer.write(example.toByteArray());
      }
    }
    return shard;
  }

  /**
   * Lists a folder's JPEGs in file-name order.
   *
   * @param folder the folder
   * @param limit the most files to return
   * @return the files
   * @throws IOException when the folder cannot be listed or holds no JPEG
   */
  public static List<Path> jpegs(Path folder, int limit) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".jpg") || n.endsWith(".jpeg");
                  })
              .sorted()
              .limit(limit)
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException(
          "source="
              + folder.toAbsolutePath()
              + " (expected: a TFRecord file or a folder of .jpg files)");
    }
    return files;
  }

  /**
   * Deletes a temporary directory and the files directly in it.
   *
   * @param dir the directory
   * @throws IOException when a file cannot be deleted
   */
  public static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /**
   * Reads every record's {@code image/encoded} bytes into the heap, in record order.
   *
   * @param shard the shard
   * @return the encoded images
   * @throws IOException when the shard cannot be read or a record lacks the feature
   */
  public static List<byte[]> readImages(Path shard) throws IOException {
    List<byte[]> images = new ArrayList<>();
    ExampleReader example = new ExampleReader();
    FeatureView view = new FeatureView();
    try (TfRecordReader reader = TfRecordReader.open(shard, TfRecordReaderOptions.defaults())) {
      while (reader.next()) {
        if (!example.wrap(reader.record()).find("image/encoded", view) || view.count() < 1) {
          throw new IOException(
              shard
                  + ": record "
                  + reader.index()
                  + " at offset "
                  + reader.offset()
                  + " has no image/encoded (expected: a bytes feature)");
        }
        images.add(view.bytes(0).toArray(ValueLayout.JAVA_BYTE));
      }
    }
    return images;
  }
}
