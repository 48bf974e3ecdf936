package dev.stoker.io.source;

import dev.stoker.io.Cursor;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Measures the time from {@code TfRecordSource.open} to the first sample, over many small shards,
 * on local storage and on a storage that adds a fixed latency to every call. Run by hand (not a
 * test):
 *
 * <pre>
 * java -cp io/target/test-classes:io/target/classes:$(cat cp.txt) \
 *     dev.stoker.io.source.FirstSampleHarness [shards] [records] [latencyMs] [dir]
 * </pre>
 *
 * It writes {@code shards} shards of {@code records} small records with index files and a
 * conversion's {@code manifest.json}, then opens them counted up front (with indexes and without,
 * each with the manifest and without) and uncounted ({@code Counting.NONE}), and prints the seconds
 * to the first sample and the storage calls.
 */
public final class FirstSampleHarness {
  private FirstSampleHarness() {}

  /**
   * Runs the measurement.
   *
   * @param args shards, records per shard, latency in ms, and a working directory
   * @throws IOException when writing or reading fails
   */
  public static void main(String[] args) throws IOException {
    int shards = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("first-sample");
    if (!Files.exists(dir.resolve("shard-00000.tfrecord"))) {
      Files.createDirectories(dir);
      TfRecordOpenTest.write(dir, shards, records, true);
      TfRecordOpenTest.manifest(dir, shards, records);
    }
    for (boolean manifest : new boolean[] {true, false}) {
      first(LocalStorage.INSTANCE, dir, true, manifest); // loads and warms the code, untimed
    }
    first(LocalStorage.INSTANCE, dir, TfRecordOptions.Counting.NONE, true, true);
    for (boolean manifest : new boolean[] {true, false}) {
      for (boolean indexes : new boolean[] {true, false}) {
        CountingStorage storage =
            new CountingStorage(LocalStorage.INSTANCE, Duration.ofMillis(latencyMs));
        long t0 = System.nanoTime();
        long sample = first(storage, dir, indexes, manifest);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "shards=%d records=%d latency=%dms indexes=%s manifest=%s: first sample (id %d)"
                + " after %.3f s, %d storage calls%n",
            shards,
            records,
            latencyMs,
            indexes,
            manifest,
            sample,
            seconds,
            storage.total());
      }
    }
    CountingStorage storage =
        new CountingStorage(LocalStorage.INSTANCE, Duration.ofMillis(latencyMs));
    long t0 = System.nanoTime();
    long sample = first(storage, dir, TfRecordOptions.Counting.NONE, true, true);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "shards=%d records=%d latency=%dms counting=NONE: first sample (id %d)"
            + " after %.3f s, %d storage calls%n",
        shards,
        records,
        latencyMs,
        sample,
        seconds,
        storage.total());
  }

  private static long first(Storage storage, Path dir, boolean indexes, boolean manifest)
      throws IOException {
    return first(storage, dir, TfRecordOptions.Counting.UP_FRONT, indexes, manifest);
  }

  private static long first(
      Storage storage,
      Path dir,
      TfRecordOptions.Counting counting,
      boolean indexes,
      boolean manifest)
      throws IOException {
    try (TfRecordSource source =
            TfRecordSource.open(
                TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
                    .storage(storage)
                    .useIndexes(indexes)
                    .useManifest(manifest)
                    .counting(counting)
                    .build());
        SampleStream stream = source.open(Cursor.start(1, 0), Sharding.SINGLE)) {
      if (!stream.next()) {
        throw new IOException("no sample");
      }
      return stream.sampleId();
    }
  }
}
