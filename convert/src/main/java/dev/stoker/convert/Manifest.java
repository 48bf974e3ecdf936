package dev.stoker.convert;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.json} written beside a conversion's shards, last, once every shard is
 * committed: the tool, schema and input kind, the class names, per split the count, the per-class
 * counts and every shard (file, count, bytes, SHA-256, index, per-class counts), the skipped
 * samples with their reasons, and the options. {@code tfrecord-convert} and the Spark job both
 * write it through {@link #json}, so the two give the same file for the same input. Stateless.
 */
public final class Manifest {
  private Manifest() {}

  /**
   * Renders the manifest.
   *
   * @param kind the input kind: {@code folder}, {@code parquet} or {@code tfrecord}
   * @param names the class names, indexed by label
   * @param splits the splits' names
   * @param shards each split's committed shards, in shard order
   * @param skipped the skipped samples, in input order
   * @param written how many records were written
   * @param options the conversion's options
   * @return the JSON text, ending with a newline
   */
  public static String json(
      String kind,
      List<String> names,
      List<String> splits,
      List<List<ShardSummary>> shards,
      List<Converter.Skip> skipped,
      long written,
      ConvertOptions options) {
    JsonWriter j = new JsonWriter().beginObject();
    j.field("tool", "stoker tfrecord-convert");
    j.field(
        "schema", "tensorflow imagenet conversion script (build_imagenet_data.py), 0-based labels");
    j.field("input_kind", kind);
    j.field("images", written);
    j.beginArray("class_names");
    for (String n : names) {
      j.stringElement(n);
    }
    j.endArray();
    j.beginObject("splits");
    for (int s = 0; s < splits.size(); s++) {
      Map<Long, Long> classes = new TreeMap<>();
      long count = 0;
      for (ShardSummary shard : shards.get(s)) {
        count += shard.count();
        shard.labels().forEach((k, v) -> classes.merge(k, v, Long::sum));
      }
      j.beginObject(splits.get(s));
      j.field("count", count);
      classes(j, names, classes);
      j.beginArray("shards");
      for (ShardSummary shard : shards.get(s)) {
        j.beginObjectElement();
        j.field("file", shard.file());
        j.field("count", shard.count());
        j.field("bytes", shard.bytes());
        j.field("sha256", shard.sha256());
        if (options.index()) {
          j.field("index", shard.file() + ".idx");
        }
        classes(j, names, shard.labels());
        j.endObject();
      }
      j.endArray();
      j.endObject();
    }
    j.endObject();
    j.beginArray("skipped");
    for (Converter.Skip s : skipped) {
      j.beginObjectElement()
          .field("split", s.split())
          .field("source", s.where())
          .field("reason", s.reason())
          .endObject();
    }
    j.endArray();
    j.beginObject("options");
    j.beginArray("inputs");
    for (String in : options.inputs()) {
      j.stringElement(in);
    }
    j.endArray();
    j.field("name", options.name());
    j.field("shards", options.shards());
    j.field("shard_size", options.shards() > 0 ? 0 : options.shardSize());
    if (options.split() != null) {
      j.field(
          "split",
          options.split().train()
              + ","
              + options.split().validation()
              + ","
              + options.split().test());
    }
    j.field("seed", options.seed());
    j.field("compression", options.compression().name().toLowerCase(Locale.ROOT));
    j.field("index", options.index());
    j.field("max_side", options.maxSide());
    j.field("quality", options.quality());
    j.field("baseline", options.baseline());
    j.field("workers", options.workers());
    j.field("strict", options.strict());
    j.endObject();
    j.endObject();
    return j + "\n";
  }

  private static String className(List<String> names, long label) {
    return label >= 0 && label < names.size() && !names.get((int) label).isEmpty()
        ? names.get((int) label)
        : Long.toString(label);
  }

  private static void classes(JsonWriter j, List<String> names, Map<Long, Long> counts) {
    j.beginObject("classes");
    counts.forEach((label, n) -> j.field(className(names, label), n));
    j.endObject();
  }
}
