package dev.stoker.io.source;

import dev.stoker.io.Source;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;

/** The source contract for Parquet. */
class ParquetSourceContractTest extends SourceContract {
  private List<String> parts;

  @Override
  Source create(Path dir, int n) throws IOException {
    SimpleGroupFactory f = new SimpleGroupFactory(ParquetFiles.HF);
    List<String> files = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      List<Group> rows = new ArrayList<>();
      for (int i = k; i < n; i += 2) {
        Group g = f.newGroup();
        g.addGroup("image").append("bytes", Binary.fromConstantByteArray(content(i)));
        g.add("label", (long) (i % 5));
        rows.add(g);
      }
      Path p = dir.resolve("part-" + k + ".parquet");
      ParquetFiles.write(
          p,
          ParquetFiles.HF,
          rows,
          new ParquetFiles.Settings(CompressionCodecName.ZSTD, true, WriterVersion.PARQUET_2_0, 5));
      files.add(p.toString());
    }
    parts = files;
    return ParquetSource.open(ParquetOptions.builder(files).build());
  }

  @Override
  Source reopen(Storage storage, RetryPolicy retry) throws IOException {
    return ParquetSource.open(ParquetOptions.builder(parts).storage(storage).retry(retry).build());
  }

  @Override
  String oneFile() {
    return "part-1.parquet";
  }
}
