package dev.stoker.io.source;

import dev.stoker.io.Source;
import java.io.IOException;
import java.nio.file.Path;

/** The source contract for IndexedTfRecords. */
class IndexedTfRecordSourceContractTest extends SourceContract {
  @Override
  Source create(Path dir, int n) throws IOException {
    return TfRecordSource.open(TfRecordOptions.builder(TfRecordShards.write(dir, n, true)).build());
  }
}
