package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.io.Source;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The source contract for IndexedTfRecords. */
class IndexedTfRecordSourceContractTest extends SourceContract {
  private List<String> files;

  @Override
  Source create(Path dir, int n) throws IOException {
    files = TfRecordShards.write(dir, n, true);
    TfRecordSource opened = TfRecordSource.open(TfRecordOptions.builder(files).build());
    assertThat(opened.isRandomAccess()).isTrue();
    return opened;
  }

  @Override
  Source reopen(Storage storage, RetryPolicy retry) throws IOException {
    return TfRecordSource.open(
        TfRecordOptions.builder(files).storage(storage).retry(retry).build());
  }

  @Override
  String oneFile() {
    return "shard-1.tfrecord";
  }
}
