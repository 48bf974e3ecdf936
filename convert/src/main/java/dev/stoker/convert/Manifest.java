package dev.stoker.convert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.json} written beside a conversion's shards, last, once every shard is
 * committed: the tool, schema and input kind, the class names, per split the count, the per-class
 * counts and every shard (file, count, bytes, SHA-256, index, per-class counts), the skipped
 * samples with their reasons, and the options. {@code tfrecord-convert} and the Spark job both
 * write it through {@link #json}, so the two give the same file for the same input. Written with
 * Jackson's streaming generator: two-space indentation, {@code "key": value}, one element per line,
 * empty containers as {@code []} and {@code {}}. Stateless.
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
    StringWriter text = new StringWriter(4096);
    try (JsonGenerator j = JSON.createGenerator(text)) {
      j.setPrettyPrinter(layout());
      write(j, kind, names, splits, shards, skipped, written, options);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text + "\n";
  }

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Two-space indentation and {@code "key": value}, one element per line, {@code []} when empty.
   */
  private static DefaultPrettyPrinter layout() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  private static void write(
      JsonGenerator j,
      String kind,
      List<String> names,
      List<String> splits,
      List<List<ShardSummary>> shards,
      List<Converter.Skip> skipped,
      long written,
      ConvertOptions options)
      throws IOException {
    j.writeStartObject();
    j.writeStringField("tool", "stoker tfrecord-convert");
    j.writeStringField(
        "schema", "tensorflow imagenet conversion script (build_imagenet_data.py), 0-based labels");
    j.writeStringField("input_kind", kind);
    j.writeNumberField("images", written);
    j.writeArrayFieldStart("class_names");
    for (String n : names) {
      j.writeString(n);
    }
    j.writeEndArray();
    j.writeObjectFieldStart("splits");
    for (int s = 0; s < splits.size(); s++) {
      Map<Long, Long> classes = new TreeMap<>();
      long count = 0;
      for (ShardSummary shard : shards.get(s)) {
        count += shard.count();
        shard.labels().forEach((k, v) -> classes.merge(k, v, Long::sum));
      }
      j.writeObjectFieldStart(splits.get(s));
      j.writeNumberField("count", count);
      classes(j, names, classes);
      j.writeArrayFieldStart("shards");
      for (ShardSummary shard : shards.get(s)) {
        j.writeStartObject();
        j.writeStringField("file", shard.file());
        j.writeNumberField("count", shard.count());
        j.writeNumberField("bytes", shard.bytes());
        j.writeStringField("sha256", shard.sha256());
        if (options.index()) {
          j.writeStringField("index", shard.file() + ".idx");
        }
        classes(j, names, shard.labels());
        j.writeEndObject();
      }
      j.writeEndArray();
      j.writeEndObject();
    }
    j.writeEndObject();
    j.writeArrayFieldStart("skipped");
    for (Converter.Skip s : skipped) {
      j.writeStartObject();
      j.writeStringField("split", s.split());
      j.writeStringField("source", s.where());
      j.writeStringField("reason", s.reason());
      j.writeEndObject();
    }
    j.writeEndArray();
    j.writeObjectFieldStart("options");
    j.writeArrayFieldStart("inputs");
    for (String in : options.inputs()) {
      j.writeString(in);
    }
    j.writeEndArray();
    j.writeStringField("name", options.name());
    j.writeNumberField("shards", options.shards());
    j.writeNumberField("shard_size", options.shards() > 0 ? 0 : options.shardSize());
    if (options.split() != null) {
      j.writeStringField(
          "split",
          options.split().train()
              + ","
              + options.split().validation()
              + ","
              + options.split().test());
    }
    j.writeNumberField("seed", options.seed());
    j.writeStringField("compression", options.compression().name().toLowerCase(Locale.ROOT));
    j.writeBooleanField("index", options.index());
    j.writeNumberField("max_side", options.maxSide());
    j.writeNumberField("quality", options.quality());
    j.writeBooleanField("baseline", options.baseline());
    j.writeNumberField("workers", options.workers());
    j.writeBooleanField("strict", options.strict());
    j.writeEndObject();
    j.writeEndObject();
  }

  private static String className(List<String> names, long label) {
    return label >= 0 && label < names.size() && !names.get((int) label).isEmpty()
        ? names.get((int) label)
        : Long.toString(label);
  }

  private static void classes(JsonGenerator j, List<String> names, Map<Long, Long> counts)
      throws IOException {
    j.writeObjectFieldStart("classes");
    for (Map.Entry<Long, Long> e : counts.entrySet()) {
      j.writeNumberField(className(names, e.getKey()), e.getValue());
    }
    j.writeEndObject();
  }
}
