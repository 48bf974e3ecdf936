package dev.stoker.spark;

import dev.stoker.tfrecord.TfRecordCompression;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/** Opens an {@link ExamplePartitionReader} per file, on the executor. Serializable, immutable. */
final class ExampleReaderFactory implements PartitionReaderFactory {
  @Serial private static final long serialVersionUID = 1L;

  private final HashMap<String, String> hadoop;
  private final TfRecordCompression compression;

  ExampleReaderFactory(Map<String, String> hadoop, TfRecordCompression compression) {
    this.hadoop = new HashMap<>(hadoop);
    this.compression = compression;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    Configuration conf = new Configuration(false);
    hadoop.forEach(conf::set);
    try {
      return ExamplePartitionReader.open(
          ((ShardPartition) partition).location(), conf, compression);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
