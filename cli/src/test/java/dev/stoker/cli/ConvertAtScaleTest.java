package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stoker.tfrecord.TfRecordCompression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tfrecord-convert} at the limits of the machine: more shards than open files allowed, a
 * full disk, and a run killed with SIGKILL.
 */
class ConvertAtScaleTest {
  @TempDir Path tmp;

  /** Writes {@code count} copies of one tiny JPEG into two class folders. */
  private Path folder(String name, int count) throws IOException {
    byte[] jpeg = Fixtures.jpeg(Fixtures.image(8, 8, 1), false);
    Path root = tmp.resolve(name);
    for (int i = 0; i < count; i++) {
      Path dir = Files.createDirectories(root.resolve(i % 2 == 0 ? "even" : "odd"));
      Files.write(dir.resolve(String.format("img-%05d.jpg", i)), jpeg);
    }
    return root;
  }

  private static List<String> leftovers(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".partial"))
          .toList();
    }
  }

  @Test
  void fiveThousandShardsUnderAnOpenFileLimitOf256() throws Exception {
    Path root = folder("many", 5000);
    Path out = tmp.resolve("out");
    ChildJvm.Run run =
        ChildJvm.run(
            tmp.resolve("child"),
            "ulimit -n 256",
            "dev.stoker.cli.TfRecordConvert",
            root.toString(),
            "--out",
            out.toString(),
            "--shards",
            "5000",
            "--workers",
            "2");
    assertThat(run.status()).as(run.err()).isZero();
    List<Path> shards = Shared.shards(out, "many-train-");
    assertThat(shards).hasSize(5000);
    assertThat(shards.getFirst().getFileName().toString())
        .isEqualTo("many-train-00000-of-05000.tfrecord");
    long records = 0;
    for (Path shard : shards) {
      records += Shared.records(shard, TfRecordCompression.NONE).size();
    }
    assertThat(records).isEqualTo(5000);
    assertThat(leftovers(out)).isEmpty();
  }

  @Test
  void aFullDiskIsAClearErrorAndLeavesNoPartialShard() throws IOException {
    Path root = folder("disk", 6);
    Path out = Files.createDirectories(tmp.resolve("out"));
    // The kernel's own full device: every write to it fails with ENOSPC.
    Path full = Path.of("/dev/full");
    assumeTrue(Files.isWritable(full), "/dev/full is writable");
    Files.createSymbolicLink(out.resolve(".disk-train-00001-of-00002.tfrecord.partial"), full);

    Cli.Run run = Cli.convert(root.toString(), "--out", out.toString(), "--shards", "2");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.errLines().getLast())
        .contains("disk-train-00001-of-00002.tfrecord: not written (")
        .contains("No space left on device")
        .contains("its partial file was removed");
    assertThat(leftovers(out)).isEmpty();
    assertThat(out.resolve("manifest.json")).doesNotExist();
  }

  @Test
  void aRunKilledMidWayLeavesNoShardThatLooksCompleteAndTheRerunFinishes() throws Exception {
    Path root = folder("killed", 400);
    Path out = tmp.resolve("out");
    List<String> args =
        List.of(root.toString(), "--out", out.toString(), "--shards", "4", "--workers", "1");
    Path dir = Files.createDirectories(tmp.resolve("child"));
    Process child = ChildJvm.start(dir, "true", "dev.stoker.cli.TfRecordConvert", args);
    // Wait for the event "records are being written", then SIGKILL: no shutdown hook runs.
    Path spill = out.resolve(".killed.records.partial");
    while (child.isAlive() && !(Files.exists(spill) && Files.size(spill) > 0)) {
      LockSupport.parkNanos(1_000_000); // polling for the event, not a time limit
    }
    // SIGKILL the JVM itself (the child process is /usr/bin/time around it), and wait until it is
    // gone, so the rerun never races a still-running converter.
    List<ProcessHandle> jvm = child.descendants().toList();
    jvm.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : jvm) {
      p.onExit().join();
    }
    child.waitFor();

    // Whatever the moment of the kill, a shard under its final name is complete, and without a
    // manifest the folder does not claim to be a finished conversion.
    if (Files.exists(out.resolve("manifest.json"))) {
      assertThat(Shared.shards(out, "killed-")).hasSize(4); // it finished before the kill
    }
    for (Path shard : Shared.shards(out, "killed-")) {
      assertThat(Shared.records(shard, TfRecordCompression.NONE)).hasSize(100);
    }

    Cli.Run rerun = Cli.convert(args);
    assertThat(rerun.status()).as(rerun.err()).isZero();
    assertThat(out.resolve("manifest.json")).exists();
    long records = 0;
    for (Path shard : Shared.shards(out, "killed-")) {
      records += Shared.records(shard, TfRecordCompression.NONE).size();
    }
    assertThat(records).isEqualTo(400);
    assertThat(leftovers(out)).isEmpty();
  }
}
