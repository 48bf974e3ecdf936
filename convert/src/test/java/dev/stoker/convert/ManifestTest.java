package dev.stoker.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manifest's text, character for character: tfrecord-convert and the Spark job must write the
 * same file, and users diff manifests between runs, so the layout (two-space indentation, {@code
 * "key": value}, empty containers as {@code []} and {@code {}}, escapes, trailing newline) is part
 * of the contract.
 */
class ManifestTest {
  @Test
  void layoutIsStable() {
    ConvertOptions options =
        new ConvertOptions(
            List.of("in/a", "in\\b\"c"),
            Path.of("out"),
            "ds",
            0,
            1024,
            new SplitFractions(0.5, 0.25, 0.25, 7),
            7,
            TfRecordCompression.GZIP,
            false,
            64,
            90,
            true,
            2,
            false,
            true);
    String json =
        Manifest.json(
            "folder",
            List.of("cat", "dög\t<1>"),
            List.of("train", "validation"),
            List.of(
                List.of(
                    new ShardSummary(
                        "ds-train-00000-of-00001.tfrecord",
                        3,
                        120,
                        "ab12",
                        Map.of(0L, 2L, 1L, 1L))),
                List.of()),
            List.of(new Converter.Skip("train", "in/a/cat/x.jpg", "bad \"JPEG\"\n")),
            3,
            options);
    assertThat(json)
        .isEqualTo(
            """
            {
              "tool": "stoker tfrecord-convert",
              "schema": "tensorflow imagenet conversion script (build_imagenet_data.py), 0-based labels",
              "input_kind": "folder",
              "images": 3,
              "class_names": [
                "cat",
                "dög\\t<1>"
              ],
              "splits": {
                "train": {
                  "count": 3,
                  "classes": {
                    "cat": 2,
                    "dög\\t<1>": 1
                  },
                  "shards": [
                    {
                      "file": "ds-train-00000-of-00001.tfrecord",
                      "count": 3,
                      "bytes": 120,
                      "sha256": "ab12",
                      "classes": {
                        "cat": 2,
                        "dög\\t<1>": 1
                      }
                    }
                  ]
                },
                "validation": {
                  "count": 0,
                  "classes": {},
                  "shards": []
                }
              },
              "skipped": [
                {
                  "split": "train",
                  "source": "in/a/cat/x.jpg",
                  "reason": "bad \\"JPEG\\"\\n"
                }
              ],
              "options": {
                "inputs": [
                  "in/a",
                  "in\\\\b\\"c"
                ],
                "name": "ds",
                "shards": 0,
                "shard_size": 1024,
                "split": "0.5,0.25,0.25",
                "seed": 7,
                "compression": "gzip",
                "index": false,
                "max_side": 64,
                "quality": 90,
                "baseline": true,
                "workers": 2,
                "strict": true
              }
            }
            """);
  }
}
