package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.io.Source;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source contract for indexed TFRecord shards opened through a glob beside a conversion's
 * manifest: the counts come from the manifest and each index is read when its shard is first read.
 */
class ManifestTfRecordSourceContractTest extends SourceContract {
  private String glob;

  /** Whether the streams use the index files; without them the manifest's counts alone are used. */
  boolean indexes() {
    return true;
  }

  @Override
  Source create(Path dir, int n) throws IOException {
    TfRecordShards.write(dir, n, true);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int k = 0; k < 3; k++) {
      counts.put("shard-" + k + ".tfrecord", 0L);
    }
    for (int i = 0; i < n; i++) {
      counts.merge("shard-" + (i % 3) + ".tfrecord", 1L, Long::sum);
    }
    TestManifests.write(dir, counts);
    glob = dir + "/shard-*.tfrecord";
    CountingStorage storage = new CountingStorage(LocalStorage.INSTANCE, Duration.ZERO);
    TfRecordSource opened =
        TfRecordSource.open(
            TfRecordOptions.builder(List.of(glob)).storage(storage).useIndexes(indexes()).build());
    assertThat(opened.isRandomAccess()).isEqualTo(indexes());
    assertThat(storage.opened())
        .as("only the manifest is read")
        .containsExactly(dir + "/manifest.json");
    assertThat(storage.calls("size")).isZero();
    return opened;
  }

  @Override
  Source reopen(Storage storage, RetryPolicy retry) throws IOException {
    return TfRecordSource.open(
        TfRecordOptions.builder(List.of(glob))
            .storage(storage)
            .retry(retry)
            .useIndexes(indexes())
            .build());
  }

  @Override
  String oneFile() {
    return "shard-1.tfrecord";
  }
}
