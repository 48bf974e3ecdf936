package dev.stoker.spark;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A Spark SQL data source (DataSource V2, batch read) for TFRecord files of {@code
 * tf.train.Example} in the conversion schema, read with Stoker's strict TFRecord reader and
 * zero-copy Example reader, for the analytics run before training: counts per class, size
 * histograms, finding bad images.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("stoker-tfrecord")
 *     .load("hdfs:///datasets/imagenet-tfrecord/imagenet-train-*.tfrecord");
 * images.groupBy("label", "text").count().show();
 * }</pre>
 *
 * <p>One row per record: {@code file} (the shard), {@code offset} (the record's frame offset), then
 * the Example's {@code image/encoded} as {@code image}, {@code image/format} as {@code format},
 * {@code image/class/label} as {@code label}, {@code image/class/text} as {@code text}, {@code
 * image/height} as {@code height}, {@code image/width} as {@code width}, {@code image/filename} as
 * {@code filename}; a feature the Example lacks is null. The path may be a glob ({@code *} in the
 * last element only) or a list separated by commas, on any Hadoop file system; each file is one
 * input partition. Options: {@code compression} ({@code none}, {@code gzip}, {@code zlib}; default
 * {@code none}). A damaged record fails the task with the file and offset.
 *
 * <p>Registered as {@code stoker-tfrecord} through {@code META-INF/services}; stateless.
 */
public final class TfRecordDataSource implements TableProvider, DataSourceRegister {
  /** The rows' schema. */
  static final StructType SCHEMA =
      new StructType()
          .add("file", DataTypes.StringType, false)
          .add("offset", DataTypes.LongType, false)
          .add("image", DataTypes.BinaryType, true)
          .add("format", DataTypes.StringType, true)
          .add("label", DataTypes.LongType, true)
          .add("text", DataTypes.StringType, true)
          .add("height", DataTypes.LongType, true)
          .add("width", DataTypes.LongType, true)
          .add("filename", DataTypes.StringType, true);

  /** Creates the source; Spark calls this. */
  public TfRecordDataSource() {}

  @Override
  public String shortName() {
    return "stoker-tfrecord";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SCHEMA;
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new TfRecordTable(properties);
  }
}
