package dev.stoker.io.source;

import dev.stoker.io.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The source contract for SequentialTfRecords. */
class SequentialTfRecordSourceContractTest extends SourceContract {
  @Override
  Source create(Path dir, int n) throws IOException {
    TfRecordShards.write(dir, n, false);
    return TfRecordSource.open(
        TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord")).cycle(2).build());
  }
}
