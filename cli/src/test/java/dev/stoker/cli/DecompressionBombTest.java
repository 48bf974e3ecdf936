package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decompression bomb fed to every entry point: a valid small JPEG whose frame header (SOF0) was
 * edited to claim 65500×65500 pixels (12.9 GB of RGB). Each tool runs in a child JVM with a 64 MiB
 * heap, 64 MiB of direct memory and a 4 GiB address-space cap ({@code ulimit -v}), so anything
 * sized from the header before it is checked fails the run; the test asserts a clean error that
 * names the reason once, and the child's peak resident memory.
 */
class DecompressionBombTest {
  /** Far below the 12.9 GB the header claims, well above a small JVM's own footprint. */
  private static final long MAX_PEAK_RSS_KIB = 640 * 1024;

  @TempDir Path tmp;
  private Path folder;
  private Path shard;

  /** What a child run printed and how much memory it held at its peak. */
  record Child(int status, String out, String err, long peakRssKib) {}

  @BeforeEach
  void writeTheBomb() throws IOException {
    byte[] good = Fixtures.jpeg(Fixtures.image(64, 48, 3), false);
    byte[] bomb = withFrameSize(good, 65500, 65500);
    folder = tmp.resolve("photos");
    Files.createDirectories(folder.resolve("cats"));
    Files.createDirectories(folder.resolve("dogs"));
    Files.write(folder.resolve("cats/bomb.jpg"), bomb);
    Files.write(folder.resolve("dogs/good.jpg"), good);
    shard = tmp.resolve("bomb.tfrecord");
    try (TfRecordWriter writer = TfRecordWriter.open(shard, TfRecordWriterOptions.defaults())) {
      for (byte[] image : List.of(bomb, good)) {
        writer.write(
            new ExampleWriter()
                .putBytes("image/encoded", image)
                .putBytes("image/format", "JPEG".getBytes(StandardCharsets.US_ASCII))
                .putInt64s("image/class/label", 0)
                .toByteArray());
      }
    }
  }

  /** Rewrites the height and width of the first SOF0 segment; checks the fixture really has one. */
  static byte[] withFrameSize(byte[] jpeg, int width, int height) {
    byte[] out = jpeg.clone();
    for (int i = 2; i + 8 < out.length; ) {
      assertThat(out[i] & 0xff).as("marker at %d", i).isEqualTo(0xff);
      int marker = out[i + 1] & 0xff;
      int length = (out[i + 2] & 0xff) << 8 | (out[i + 3] & 0xff);
      if (marker == 0xc0) {
        out[i + 5] = (byte) (height >> 8);
        out[i + 6] = (byte) height;
        out[i + 7] = (byte) (width >> 8);
        out[i + 8] = (byte) width;
        return out;
      }
      i += 2 + length;
    }
    throw new AssertionError("the fixture has no SOF0 segment");
  }

  private Child run(String mainClass, String... args) throws IOException, InterruptedException {
    ChildJvm.Run run =
        ChildJvm.run(
            tmp.resolve("child-" + System.nanoTime()), "ulimit -v 4194304", mainClass, args);
    return new Child(run.status(), run.out(), run.err(), run.peakRssKib());
  }

  private static void assertBounded(Child child) {
    System.out.printf(
        "child exit %d, peak RSS %d KiB; stderr: %s%n",
        child.status(), child.peakRssKib(), child.err().strip());
    assertThat(child.err() + child.out()).doesNotContain("OutOfMemoryError", "Exception");
    assertThat(child.peakRssKib()).as(child.err()).isLessThan(MAX_PEAK_RSS_KIB);
  }

  @Test
  void convertSkipsTheBombBeforeAllocatingAndSaysWhyOnce() throws Exception {
    Child child =
        run(
            "dev.stoker.cli.TfRecordConvert",
            folder.toString(),
            "--out",
            tmp.resolve("out").toString(),
            "--workers",
            "1");
    assertBounded(child);
    assertThat(child.status()).as(child.err()).isZero();
    assertThat(child.err()).contains("skipped cats/bomb.jpg: too_large: ").contains("65500");
    assertThat(child.err()).doesNotContain("too_large: too_large", "warning: warning");
    assertThat(child.out()).contains("wrote 1 image");
  }

  @Test
  void dumpOfTheFolderStopsAtTheBombBeforeAllocating() throws Exception {
    dump(folder);
  }

  @Test
  void dumpOfATfRecordShardStopsAtTheBombBeforeAllocating() throws Exception {
    dump(shard);
  }

  private void dump(Path source) throws Exception {
    Child child =
        run(
            "dev.stoker.cli.Stoker",
            "dump",
            "--source",
            source.toString(),
            "--size",
            "32x32",
            "--out",
            tmp.resolve("dump.bin").toString());
    assertBounded(child);
    // dump fails fast: the bomb stops the run with one line that names it and the reason once
    assertThat(child.status()).as(child.err()).isEqualTo(1);
    assertThat(child.err()).contains("too_large: ").contains("65500");
    assertThat(child.err().split("too_large", -1)).as(child.err()).hasSize(2);
  }

  @Test
  void verifyAndInspectReadTheBombAsBytesWithinBounds() throws Exception {
    Child verify = run("dev.stoker.cli.Stoker", "verify", shard.toString());
    assertBounded(verify);
    assertThat(verify.out()).contains("ok, 2 records");
    Child inspect = run("dev.stoker.cli.Stoker", "inspect", shard.toString());
    assertBounded(inspect);
    assertThat(inspect.status()).as(inspect.err()).isZero();
  }
}
