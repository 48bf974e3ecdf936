package dev.stoker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stoker dump}: the pipeline's output in source order, for parity with other tools. */
class DumpTest {
  @TempDir Path tmp;

  @Test
  void dumpEqualsTheTfDataReferenceByteForByte() throws IOException {
    Path out = tmp.resolve("images.bin");
    Cli.Run run =
        Cli.stoker(
            "dump",
            "--source",
            Shared.file("tfrecord/images.tfrecord").toString(),
            "--size",
            "32x32",
            "--dtype",
            "float32",
            "--resize",
            "bilinear",
            "--workers",
            "2",
            "--out",
            out.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Shared.sha256(out))
        .isEqualTo(
            Shared.manifest().getAsJsonObject("tfdata_reference").get("file_sha256").getAsString());
    List<String> expected = new ArrayList<>();
    for (String line :
        Files.readAllLines(Shared.file("tfdata-reference/labels.csv"), StandardCharsets.UTF_8)
            .subList(1, 41)) {
      expected.add(line.substring(line.lastIndexOf(',') + 1));
    }
    assertThat(Files.readAllLines(Path.of(out + ".labels"))).isEqualTo(expected);
    assertThat(run.out()).contains("40 images, [40, 32, 32, 3] float32");
  }

  @Test
  void uint8WithScaleAndOffsetRoundsAndClamps() throws IOException {
    // img-00 is solid: every decoded pixel is the manifest's pixel_center, so is every resized one.
    Path out = tmp.resolve("u8.bin");
    Cli.Run run =
        Cli.stoker(
            "dump",
            "--source",
            Shared.file("parquet/hf-images.parquet").toString(),
            "--size",
            "4x4",
            "--scale",
            "0.5",
            "--offset",
            "10",
            "--out",
            out.toString());

    assertThat(run.status()).as(run.err()).isZero();
    byte[] bytes = Files.readAllBytes(out);
    assertThat(bytes).hasSize(40 * 4 * 4 * 3);
    var first =
        Shared.manifest()
            .getAsJsonObject("tensorflow")
            .getAsJsonArray("jpeg_images")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("tf_decode_jpeg_default")
            .getAsJsonArray("pixel_center");
    for (int c = 0; c < 3; c++) {
      int want = Math.round(first.get(c).getAsInt() * 0.5f + 10);
      assertThat(bytes[c] & 0xff).isEqualTo(want);
    }
    assertThat(Files.readAllLines(Path.of(out + ".labels")).subList(0, 3))
        .containsExactly("0", "1", "2");
  }

  @Test
  void existingOutputNeedsOverwrite() throws IOException {
    Path out = tmp.resolve("x.bin");
    Files.writeString(out, "keep");
    Cli.Run run =
        Cli.stoker(
            "dump",
            "--source",
            Shared.file("tfrecord/images.tfrecord").toString(),
            "--size",
            "8x8",
            "--out",
            out.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(Files.readString(out)).isEqualTo("keep");
  }
}
