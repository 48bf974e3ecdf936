package dev.stoker.io.source;

/**
 * The source contract for TFRecord shards read sequentially, their counts from a conversion's
 * manifest: the open reads no shard at all.
 */
class ManifestSequentialTfRecordSourceContractTest extends ManifestTfRecordSourceContractTest {
  @Override
  boolean indexes() {
    return false;
  }
}
