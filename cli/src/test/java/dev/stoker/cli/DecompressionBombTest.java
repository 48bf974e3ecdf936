package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static final Pattern PEAK = Pattern.compile("peak-rss-kib=(\\d+)");

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
  private static byte[] withFrameSize(byte[] jpeg, int width, int height) {
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
    Path peak = tmp.resolve("peak-" + System.nanoTime());
    List<String> command = new ArrayList<>();
    command.addAll(List.of("/usr/bin/time", "-o", peak.toString(), "-f", "peak-rss-kib=%M"));
    command.addAll(List.of("bash", "-c", "ulimit -v 4194304 && exec \"$0\" \"$@\""));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx64m",
            "-XX:MaxDirectMemorySize=64m",
            "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:CompressedClassSpaceSize=128m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            mainClass));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    File out = tmp.resolve("child.out").toFile();
    File err = tmp.resolve("child.err").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    process.waitFor(); // a bounded run ends; a test that hangs here found a bug
    String times = Files.readString(peak);
    Matcher m = PEAK.matcher(times);
    assertThat(m.find()).as("/usr/bin/time wrote %s", times).isTrue();
    return new Child(
        process.exitValue(),
        Files.readString(out.toPath()),
        Files.readString(err.toPath()),
        Long.parseLong(m.group(1)));
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
