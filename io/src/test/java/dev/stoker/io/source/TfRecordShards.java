package dev.stoker.io.source;

import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes the contract's dataset as TFRecord shards. */
final class TfRecordShards {
  private TfRecordShards() {}

  /** Three shards of uneven size; sample i goes to shard i % 3. */
  static List<String> write(Path dir, int n, boolean index) throws IOException {
    List<String> files = new ArrayList<>();
    List<TfRecordWriter> writers = new ArrayList<>();
    try {
      for (int k = 0; k < 3; k++) {
        Path p = dir.resolve("shard-" + k + ".tfrecord");
        TfRecordWriterOptions.Builder o = TfRecordWriterOptions.builder();
        if (index) {
          o.indexFile(Path.of(p + ".idx"));
        }
        writers.add(TfRecordWriter.open(p, o.build()));
        files.add(p.toString());
      }
      for (int i = 0; i < n; i++) {
        writers
            .get(i % 3)
            .write(
                new ExampleWriter()
                    .putBytes("image/encoded", SourceContract.content(i))
                    .putInt64s("image/class/label", i % 5)
                    .toByteArray());
      }
    } finally {
      for (TfRecordWriter w : writers) {
        w.close();
      }
    }
    return files;
  }
}
