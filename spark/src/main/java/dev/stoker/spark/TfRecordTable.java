package dev.stoker.spark;

import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.tfrecord.TfRecordCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The TFRecord files named by the {@code path} option, as a table that can be scanned once. */
final class TfRecordTable implements SupportsRead, Scan, Batch {
  private final Map<String, String> properties;

  TfRecordTable(Map<String, String> properties) {
    this.properties = Map.copyOf(properties);
  }

  @Override
  public String name() {
    return "stoker-tfrecord " + properties.getOrDefault("path", "");
  }

  @Override
  @Deprecated // Table.columns() is built from it by default; Scan.readSchema() is the live one.
  public StructType schema() {
    return TfRecordDataSource.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    return () -> this;
  }

  @Override
  public StructType readSchema() {
    return TfRecordDataSource.SCHEMA;
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  private Configuration conf() {
    return SparkSession.active().sessionState().newHadoopConf();
  }

  @Override
  public InputPartition[] planInputPartitions() {
    String path = properties.get("path");
    String paths = properties.get("paths");
    List<String> patterns = new ArrayList<>();
    if (path != null) {
      patterns.addAll(List.of(path.split(",", -1)));
    }
    if (paths != null && !paths.isEmpty()) {
      // DataFrameReader.load(String...) passes several paths as a JSON array of strings.
      for (String p : paths.replaceAll("^\\[|\\]$", "").split(",", -1)) {
        patterns.add(p.trim().replaceAll("^\"|\"$", ""));
      }
    }
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("path= (expected: TFRecord files, a glob or a list)");
    }
    HadoopStorage storage = new HadoopStorage(conf());
    List<InputPartition> parts = new ArrayList<>();
    try {
      for (String pattern : patterns) {
        List<String> files = storage.glob(pattern.trim());
        if (files.isEmpty()) {
          throw new IllegalArgumentException(
              "path=" + pattern + " (expected: at least one matching TFRecord file)");
        }
        for (String f : files) {
          parts.add(new ShardPartition(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return parts.toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    String c = properties.getOrDefault("compression", "none").toLowerCase(Locale.ROOT);
    if (!List.of("none", "gzip", "zlib").contains(c)) {
      throw new IllegalArgumentException("compression=" + c + " (expected: none, gzip or zlib)");
    }
    HashMap<String, String> hadoop = new HashMap<>();
    for (Map.Entry<String, String> e : conf()) {
      hadoop.put(e.getKey(), e.getValue());
    }
    return new ExampleReaderFactory(
        hadoop, TfRecordCompression.valueOf(c.toUpperCase(Locale.ROOT)));
  }
}
