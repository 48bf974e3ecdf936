package dev.stoker.spark;

import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureView;
import dev.stoker.tfrecord.example.InvalidExampleException;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;
import org.jspecify.annotations.Nullable;

/**
 * Reads one TFRecord file's Examples as rows of {@link TfRecordDataSource#SCHEMA}. Owned by the
 * task that opened it, used from its thread; {@link #close()} closes the file.
 */
final class ExamplePartitionReader implements PartitionReader<InternalRow> {
  private final String location;
  private final TfRecordReader reader;
  private final ExampleReader example = new ExampleReader();
  private final FeatureView view = new FeatureView();
  private @Nullable InternalRow row;

  private ExamplePartitionReader(String location, TfRecordReader reader) {
    this.location = location;
    this.reader = reader;
  }

  static ExamplePartitionReader open(
      String location, Configuration conf, TfRecordCompression compression) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(conf);
    TfRecordReaderOptions options =
        TfRecordReaderOptions.builder().compression(compression).sourceName(location).build();
    return new ExamplePartitionReader(location, TfRecordReader.open(fs.open(path), options));
  }

  @Override
  public boolean next() throws IOException {
    if (!reader.next()) {
      row = null;
      return false;
    }
    try {
      example.wrap(reader.record());
      row =
          new GenericInternalRow(
              new Object[] {
                UTF8String.fromString(location),
                reader.offset(),
                bytes("image/encoded"),
                text("image/format"),
                int64("image/class/label"),
                text("image/class/text"),
                int64("image/height"),
                int64("image/width"),
                text("image/filename")
              });
    } catch (InvalidExampleException e) {
      throw new IOException(
          location
              + " at offset "
              + reader.offset()
              + ": not a tf.train.Example: "
              + e.getMessage(),
          e);
    }
    return true;
  }

  private byte @Nullable [] bytes(String name) throws InvalidExampleException {
    return example.find(name, view) && view.count() > 0
        ? view.bytes(0).toArray(ValueLayout.JAVA_BYTE)
        : null;
  }

  private @Nullable UTF8String text(String name) throws InvalidExampleException {
    byte[] b = bytes(name);
    return b == null ? null : UTF8String.fromBytes(b);
  }

  private @Nullable Long int64(String name) throws InvalidExampleException {
    return example.find(name, view) && view.count() > 0 ? view.int64(0) : null;
  }

  @Override
  public InternalRow get() {
    InternalRow r = row;
    if (r == null) {
      throw new IllegalStateException(location + ": no current row (expected: next() == true)");
    }
    return r;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
