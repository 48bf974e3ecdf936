package dev.stoker.io.source;

import dev.stoker.io.Source;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The source contract for SequentialTfRecords. */
class SequentialTfRecordSourceContractTest extends SourceContract {
  private Path root;

  @Override
  Source create(Path dir, int n) throws IOException {
    root = dir;
    TfRecordShards.write(dir, n, false);
    return TfRecordSource.open(
        TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord")).cycle(2).build());
  }

  @Override
  Source reopen(Storage storage, RetryPolicy retry) throws IOException {
    return TfRecordSource.open(
        TfRecordOptions.builder(List.of(root + "/shard-*.tfrecord"))
            .cycle(2)
            .storage(storage)
            .retry(retry)
            .build());
  }

  @Override
  String oneFile() {
    return "shard-1.tfrecord";
  }
}
