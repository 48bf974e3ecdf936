package dev.stoker.spark;

import dev.stoker.convert.ConvertOptions;
import dev.stoker.io.source.SplitFractions;
import dev.stoker.tfrecord.TfRecordCompression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The Spark job's command line, with {@code tfrecord-convert}'s option names and defaults. Errors
 * read {@code name=value (expected: ...)}.
 *
 * @param options the conversion's options
 * @param output the output folder, a Hadoop path or URI
 * @param defaultName whether {@code --name} was left out (then a folder of Parquet files is named
 *     {@code data}, as {@code tfrecord-convert} names it, which only the file system can tell)
 */
record SparkConvertArgs(ConvertOptions options, String output, boolean defaultName) {
  private static final Set<String> VALUED =
      Set.of(
          "out",
          "name",
          "shards",
          "shard-size",
          "split",
          "seed",
          "compression",
          "max-side",
          "quality");
  private static final Set<String> SWITCHES = Set.of("index", "baseline", "overwrite", "strict");

  static SparkConvertArgs parse(List<String> argv) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    List<String> operands = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("--")) {
        operands.add(a);
        continue;
      }
      String key = a.substring(2);
      String value = null;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      }
      if (SWITCHES.contains(key) && value == null) {
        flags.add(key);
      } else if (VALUED.contains(key)) {
        if (value == null) {
          if (i + 1 >= argv.size()) {
            throw bad(key, "", "a value");
          }
          value = argv.get(++i);
        }
        values.put(key, value);
      } else {
        throw bad(key, value == null ? "" : value, "one of " + VALUED + " or " + SWITCHES);
      }
    }
    boolean parquet =
        !operands.isEmpty() && operands.stream().allMatch(o -> o.endsWith(".parquet"));
    if (operands.isEmpty() || (operands.size() > 1 && !parquet)) {
      throw new IllegalArgumentException(
          "INPUT="
              + String.join(" ", operands)
              + " (expected: one image folder, or Parquet files)");
    }
    String out = values.get("out");
    if (out == null) {
      throw bad("out", "", "the output folder");
    }
    if (values.containsKey("shards") && values.containsKey("shard-size")) {
      throw bad("shards", values.get("shards"), "either --shards or --shard-size");
    }
    long seed = number(values, "seed", Long.MIN_VALUE, Long.MAX_VALUE, 0);
    SplitFractions split = split(values.get("split"), seed);
    String c = values.getOrDefault("compression", "none");
    if (!List.of("none", "gzip", "zlib").contains(c)) {
      throw bad("compression", c, "none, gzip or zlib");
    }
    TfRecordCompression compression = TfRecordCompression.valueOf(c.toUpperCase(Locale.ROOT));
    if (flags.contains("index") && compression != TfRecordCompression.NONE) {
      throw bad("compression", c, "none with --index: an index addresses an uncompressed file");
    }
    int maxSide = (int) number(values, "max-side", 1, 65_535, 0);
    if (values.containsKey("quality") && maxSide == 0) {
      throw bad("quality", values.get("quality"), "--max-side as well");
    }
    String input = operands.getFirst();
    String name = values.get("name");
    boolean defaultName = name == null;
    if (name == null && parquet) {
      name = "data"; // tfrecord-convert's default for files
    } else if (name == null) {
      String trimmed = input.replaceAll("/+$", "");
      name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
    if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.contains(":")) {
      throw bad("name", name, "a file-name prefix without / or a leading dot");
    }
    ConvertOptions options =
        new ConvertOptions(
            List.copyOf(operands),
            Path.of("."),
            name,
            (int) number(values, "shards", 1, 100_000, 0),
            number(values, "shard-size", 1, Integer.MAX_VALUE, ConvertOptions.DEFAULT_SHARD_SIZE),
            split,
            seed,
            compression,
            flags.contains("index"),
            maxSide,
            (int) number(values, "quality", 1, 100, 90),
            flags.contains("baseline"),
            1,
            flags.contains("overwrite"),
            flags.contains("strict"));
    return new SparkConvertArgs(options, out, defaultName);
  }

  /** The same options under another name. */
  static ConvertOptions renamed(ConvertOptions o, String name) {
    return new ConvertOptions(
        o.inputs(),
        o.out(),
        name,
        o.shards(),
        o.shardSize(),
        o.split(),
        o.seed(),
        o.compression(),
        o.index(),
        o.maxSide(),
        o.quality(),
        o.baseline(),
        o.workers(),
        o.overwrite(),
        o.strict());
  }

  private static long number(Map<String, String> values, String key, long min, long max, long def) {
    String v = values.get(key);
    if (v == null) {
      return def;
    }
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, v, "an integer from " + min + " to " + max);
  }

  private static @Nullable SplitFractions split(@Nullable String value, long seed) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(",", -1);
    if (parts.length == 3) {
      try {
        return new SplitFractions(
            Double.parseDouble(parts[0].trim()),
            Double.parseDouble(parts[1].trim()),
            Double.parseDouble(parts[2].trim()),
            seed);
      } catch (IllegalArgumentException e) {
        // reported below; NumberFormatException is one
      }
    }
    throw bad("split", value, "three fractions T,V,S summing to 1");
  }

  private static IllegalArgumentException bad(String name, String value, String expected) {
    return new IllegalArgumentException(
        "--" + name + "=" + value + " (expected: " + expected + ")");
  }
}
