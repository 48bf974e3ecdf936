package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.stoker.decode.RequiresTurboJpeg;
import dev.stoker.io.Cursor;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import dev.stoker.tfrecord.TfRecordCompression;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tfrecord-convert} end to end: what goes in comes out, in the promised layout. */
class ConvertTest {
  @TempDir Path tmp;

  @Test
  void parquetToTfRecordKeepsEveryImagesBytesAndLabel() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.convert(
            Shared.file("parquet/hf-images.parquet").toString(),
            "--out",
            out.toString(),
            "--name",
            "hf",
            "--shards",
            "3",
            "--workers",
            "2");

    assertThat(run.status()).as(run.err()).isZero();
    List<Path> shards = Shared.shards(out, "hf-");
    assertThat(shards)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "hf-train-00000-of-00003.tfrecord",
            "hf-train-00001-of-00003.tfrecord",
            "hf-train-00002-of-00003.tfrecord");
    Map<String, Long> expected = new HashMap<>();
    JsonObject parquet = Shared.manifest().getAsJsonObject("parquet");
    for (JsonElement e : parquet.getAsJsonArray("source_images")) {
      JsonObject o = e.getAsJsonObject();
      expected.put(o.get("bytes_sha256").getAsString(), o.get("label").getAsLong());
    }
    Map<String, JsonObject> dims = new HashMap<>();
    for (JsonElement e :
        Shared.manifest().getAsJsonObject("tensorflow").getAsJsonArray("jpeg_images")) {
      dims.put(e.getAsJsonObject().get("sha256").getAsString(), e.getAsJsonObject());
    }
    Map<String, Long> got = new HashMap<>();
    List<Integer> counts = new ArrayList<>();
    for (Path shard : shards) {
      List<byte[]> records = Shared.records(shard, TfRecordCompression.NONE);
      counts.add(records.size());
      for (byte[] r : records) {
        Shared.ImageRecord img = Shared.imageRecord(r);
        assertThat(got.put(Shared.sha256(img.encoded()), img.label())).isNull();
        assertThat(img.format()).isEqualTo("JPEG");
        JsonObject source = dims.get(Shared.sha256(img.encoded()));
        assertThat(img.width()).isEqualTo(source.get("width").getAsLong());
        assertThat(img.height()).isEqualTo(source.get("height").getAsLong());
      }
    }
    assertThat(got).isEqualTo(expected);
    for (int i = 0; i < 3; i++) { // shard i holds slots floor(i n / S) .. floor((i + 1) n / S) - 1
      assertThat(counts.get(i)).isEqualTo((i + 1) * 40 / 3 - i * 40 / 3);
    }

    JsonObject manifest =
        JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
    JsonObject train = manifest.getAsJsonObject("splits").getAsJsonObject("train");
    assertThat(train.get("count").getAsInt()).isEqualTo(40);
    for (int i = 0; i < 3; i++) {
      JsonObject s = train.getAsJsonArray("shards").get(i).getAsJsonObject();
      assertThat(s.get("file").getAsString()).isEqualTo(shards.get(i).getFileName().toString());
      assertThat(s.get("sha256").getAsString()).isEqualTo(Shared.sha256(shards.get(i)));
      assertThat(s.get("count").getAsInt()).isEqualTo(counts.get(i));
    }
    assertThat(run.out()).contains("wrote 40 images");
  }

  @Test
  void shardsOfClassOrderedInputAreShuffled() throws IOException {
    // The Parquet rows come label 0..9 in order; a shard of the first 14 rows would hold labels
    // 0..9
    // then 0..3 in order. A seeded shuffle does not keep the input order.
    Path out = tmp.resolve("out");
    assertThat(
            Cli.convert(
                    Shared.file("parquet/hf-images.parquet").toString(),
                    "--out",
                    out.toString(),
                    "--shards",
                    "2",
                    "--seed",
                    "3")
                .status())
        .isZero();
    List<Long> labels = new ArrayList<>();
    for (byte[] r :
        Shared.records(Shared.shards(out, "data-").getFirst(), TfRecordCompression.NONE)) {
      labels.add(Shared.imageRecord(r).label());
    }
    List<Long> inOrder = new ArrayList<>();
    for (long i = 0; i < labels.size(); i++) {
      inOrder.add(i % 10);
    }
    assertThat(labels).hasSize(20).isNotEqualTo(inOrder);
  }

  @Test
  void folderToTfRecordAndBackWithTheSplitFolderSourceUses() throws IOException {
    Path root = tmp.resolve("shapes");
    Fixtures.classFolders(root, 3, 12);
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.convert(
            root.toString(),
            "--out",
            out.toString(),
            "--split",
            "0.6,0.2,0.2",
            "--seed",
            "5",
            "--shard-size",
            "5",
            "--index");

    assertThat(run.status()).as(run.err()).isZero();
    SplitFractions split = new SplitFractions(0.6, 0.2, 0.2, 5);
    Map<String, String> splitOf = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Path shard : Shared.shards(out, "shapes-")) {
      String name = shard.getFileName().toString();
      String part = name.substring("shapes-".length(), name.indexOf('-', "shapes-".length()));
      assertThat(Path.of(shard + ".idx")).exists();
      for (byte[] r : Shared.records(shard, TfRecordCompression.NONE)) {
        Shared.ImageRecord img = Shared.imageRecord(r);
        assertThat(seen.add(img.filename())).isTrue();
        splitOf.put(img.filename(), part);
        byte[] source = Files.readAllBytes(root.resolve(img.filename()));
        assertThat(img.encoded()).isEqualTo(source);
        String cls = img.filename().substring(0, img.filename().indexOf('/'));
        assertThat(img.text()).isEqualTo(cls);
        assertThat(img.label()).isEqualTo(cls.charAt("class-".length()) - 'a');
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(source));
        assertThat(img.width()).isEqualTo(decoded.getWidth());
        assertThat(img.height()).isEqualTo(decoded.getHeight());
      }
    }
    assertThat(seen).hasSize(36);
    for (String f : seen) {
      String want =
          switch (split.subsetOf(f)) {
            case TRAIN -> "train";
            case VALIDATION -> "validation";
            case TEST -> "test";
          };
      assertThat(splitOf.get(f)).as(f).isEqualTo(want);
    }
    // And FolderSource, given the same split, reads exactly the train shards' files.
    Set<String> folderTrain = new HashSet<>();
    try (FolderSource source =
            FolderSource.open(
                FolderOptions.builder(root.toString()).split(split, Subset.TRAIN).build());
        SampleStream s = source.open(Cursor.start(0, 0), Sharding.SINGLE)) {
      while (s.next()) {
        folderTrain.add(root.relativize(Path.of(s.source())).toString());
      }
    }
    Set<String> shardTrain = new HashSet<>();
    splitOf.forEach(
        (f, p) -> {
          if (p.equals("train")) {
            shardTrain.add(f);
          }
        });
    assertThat(shardTrain).isEqualTo(folderTrain);
  }

  @Test
  void trainValTestLayoutKeepsItsParts() throws IOException {
    Path root = tmp.resolve("cars");
    Fixtures.classFolders(root.resolve("train"), 2, 4);
    Fixtures.classFolders(root.resolve("val"), 2, 2);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.convert(root.toString(), "--out", out.toString(), "--shards", "2");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Shared.shards(out, "cars-"))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "cars-train-00000-of-00002.tfrecord",
            "cars-train-00001-of-00002.tfrecord",
            "cars-validation-00000-of-00001.tfrecord");
    assertThat(
            Shared.records(
                out.resolve("cars-validation-00000-of-00001.tfrecord"), TfRecordCompression.NONE))
        .hasSize(4);
  }

  @Test
  void unreadableImagesAreListedAndSkippedOrStopAStrictRun() throws IOException {
    Path root = tmp.resolve("mixed");
    Fixtures.classFolders(root, 2, 3);
    byte[] good = Files.readAllBytes(root.resolve("class-a/img-00.jpg"));
    Files.write(root.resolve("class-a/cut.jpg"), java.util.Arrays.copyOf(good, good.length / 2));
    Files.writeString(root.resolve("class-b/text.jpg"), "not an image");
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.convert(root.toString(), "--out", out.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.errLines()).anyMatch(l -> l.contains("skipped class-a/cut.jpg: "));
    assertThat(run.errLines()).anyMatch(l -> l.contains("skipped class-b/text.jpg: "));
    assertThat(run.out()).contains("wrote 6 images", "skipped 2 unreadable images");
    JsonObject manifest =
        JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
    assertThat(manifest.getAsJsonArray("skipped")).hasSize(2);

    Path strictOut = tmp.resolve("strict");
    Cli.Run strict =
        Cli.convert(root.toString(), "--out", strictOut.toString(), "--strict", "--workers", "1");
    assertThat(strict.status()).isEqualTo(1);
    assertThat(strict.err()).contains("stopped (--strict)");
    try (Stream<Path> left = Files.list(strictOut)) {
      assertThat(left).isEmpty(); // no shard, no .partial file, no manifest
    }
  }

  @Test
  void nothingReadableMeansExitStatusOne() throws IOException {
    Path root = tmp.resolve("bad");
    Files.createDirectories(root.resolve("only"));
    Files.writeString(root.resolve("only/a.jpg"), "nope");
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.convert(root.toString(), "--out", out.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("nothing written");
    try (Stream<Path> left = Files.list(out)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void existingOutputIsNeverTouchedWithoutOverwrite() throws IOException {
    Path root = tmp.resolve("ds");
    Fixtures.classFolders(root, 2, 3);
    Path out = tmp.resolve("out");
    assertThat(Cli.convert(root.toString(), "--out", out.toString(), "--shards", "2").status())
        .isZero();
    Map<Path, String> before = hashes(out);

    Cli.Run again = Cli.convert(root.toString(), "--out", out.toString(), "--shards", "3");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.errLines()).hasSize(1);
    assertThat(again.err()).contains("--overwrite");
    assertThat(hashes(out)).isEqualTo(before);

    Cli.Run replaced =
        Cli.convert(root.toString(), "--out", out.toString(), "--shards", "3", "--overwrite");
    assertThat(replaced.status()).as(replaced.err()).isZero();
    assertThat(Shared.shards(out, "ds-"))
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "ds-train-00000-of-00003.tfrecord",
            "ds-train-00001-of-00003.tfrecord",
            "ds-train-00002-of-00003.tfrecord"); // the old 2-shard set is gone
  }

  private static Map<Path, String> hashes(Path dir) throws IOException {
    Map<Path, String> out = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        out.put(p, Shared.sha256(p) + Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  @Test
  void tfRecordShardsAreReshardedAndRecompressedRecordForRecord() throws IOException {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      args.add(Shared.file("tfrecord/images-0000" + i + "-of-00004.tfrecord").toString());
    }
    Path out = tmp.resolve("out");
    args.addAll(
        List.of(
            "--out", out.toString(), "--shards", "3", "--compression", "gzip", "--name", "img"));
    Cli.Run run = Cli.convert(args);

    assertThat(run.status()).as(run.err()).isZero();
    List<String> got = new ArrayList<>();
    for (Path shard : Shared.shards(out, "img-")) {
      for (byte[] r : Shared.records(shard, TfRecordCompression.GZIP)) {
        got.add(Shared.sha256(r));
      }
    }
    List<String> expected = new ArrayList<>();
    for (JsonElement e : Shared.entry("tfrecord/images.tfrecord").getAsJsonArray("records")) {
      expected.add(e.getAsJsonObject().get("sha256").getAsString());
    }
    assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void maxSideReencodesLargerImagesOnly() throws IOException {
    Path root = tmp.resolve("big");
    Files.createDirectories(root.resolve("x"));
    byte[] small = Fixtures.jpeg(Fixtures.image(40, 30, 1), false);
    Files.write(root.resolve("x/small.jpg"), small);
    Files.write(root.resolve("x/large.jpg"), Fixtures.jpeg(Fixtures.image(200, 100, 2), false));
    Path out = tmp.resolve("out");
    Cli.Run run =
        Cli.convert(
            root.toString(), "--out", out.toString(), "--max-side", "50", "--quality", "80");

    assertThat(run.status()).as(run.err()).isZero();
    for (byte[] r :
        Shared.records(Shared.shards(out, "big-").getFirst(), TfRecordCompression.NONE)) {
      Shared.ImageRecord img = Shared.imageRecord(r);
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(img.encoded()));
      if (img.filename().equals("x/small.jpg")) {
        assertThat(img.encoded()).isEqualTo(small);
      } else {
        assertThat(img.width()).isEqualTo(50);
        assertThat(img.height()).isEqualTo(25);
      }
      assertThat(decoded.getWidth()).isEqualTo(img.width());
      assertThat(decoded.getHeight()).isEqualTo(img.height());
    }
  }

  @Test
  @RequiresTurboJpeg
  void baselineRewritesProgressiveJpegsWithIdenticalPixels() throws IOException {
    Path root = tmp.resolve("prog");
    Files.createDirectories(root.resolve("x"));
    byte[] progressive = Fixtures.jpeg(Fixtures.image(48, 40, 3), true);
    assertThat(Fixtures.progressive(progressive)).isTrue();
    Files.write(root.resolve("x/p.jpg"), progressive);
    Path out = tmp.resolve("out");
    Cli.Run run = Cli.convert(root.toString(), "--out", out.toString(), "--baseline");

    assertThat(run.status()).as(run.err()).isZero();
    byte[] record =
        Shared.records(Shared.shards(out, "prog-").getFirst(), TfRecordCompression.NONE).getFirst();
    byte[] baseline = Shared.imageRecord(record).encoded();
    assertThat(Fixtures.progressive(baseline)).isFalse();
    BufferedImage a = ImageIO.read(new ByteArrayInputStream(progressive));
    BufferedImage b = ImageIO.read(new ByteArrayInputStream(baseline));
    assertThat(b.getRGB(0, 0, 48, 40, null, 0, 48)).isEqualTo(a.getRGB(0, 0, 48, 40, null, 0, 48));
  }
}
