package dev.stoker.io.source;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The record count and size of every shard of a conversion, from the {@code manifest.json} that
 * {@code tfrecord-convert} (and its Spark job) writes beside the shards, last, once every shard is
 * committed, or that {@code stoker index --manifest} writes beside shards from elsewhere. A source
 * that finds one learns every shard's count from one file instead of reading each shard or its
 * index.
 *
 * <p>The manifest is only an accelerator: a file named {@code manifest.json} that another tool
 * wrote, one that is not well-formed, one over {@value #MAX_BYTES} bytes or one that cannot be read
 * is not used ({@link #ignored()} says why), and the source asks the shards themselves. Which
 * entries to trust is the caller's decision: {@link TfRecordSource} takes a shard's count only when
 * the listed size of the shard equals the manifest's {@code bytes}. Immutable.
 */
final class ConversionManifest {
  static final String FILE_NAME = "manifest.json";
  static final long MAX_BYTES = 64L << 20;

  /** The tools that write a manifest of this shape. */
  static final List<String> TOOLS = List.of("stoker tfrecord-convert", "stoker index");

  /** One shard as the manifest lists it. */
  record Entry(long count, long bytes) {}

  private final Map<String, Entry> shards;
  private final @Nullable String ignored;

  private ConversionManifest(Map<String, Entry> shards, @Nullable String ignored) {
    this.shards = shards;
    this.ignored = ignored;
  }

  /**
   * Reads a manifest whose listed size is {@code size}.
   *
   * @throws InterruptedIOException when interrupted; every other failure gives a manifest that is
   *     not used
   */
  static ConversionManifest read(Storage storage, String location, long size)
      throws InterruptedIOException {
    if (size > MAX_BYTES) {
      return ignored(location, "size=" + size + " (expected: <= " + MAX_BYTES + ")");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) size);
    try (ReadableByteChannel in = storage.openSequential(location)) {
      while (bytes.hasRemaining() && in.read(bytes) >= 0) {
        // read until full or the end
      }
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      return ignored(location, "unreadable: " + e.getMessage());
    }
    String text = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return ignored(location, e.getMessage());
    }
  }

  static ConversionManifest parse(String text) {
    Object tree;
    try {
      tree = JSON.std.anyFrom(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("not well-formed JSON: " + e.getMessage(), e);
    }
    if (!(tree instanceof Map<?, ?> root)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (!(root.get("tool") instanceof String tool) || !TOOLS.contains(tool)) {
      throw new IllegalArgumentException(
          "tool=" + root.get("tool") + " (expected: one of " + TOOLS + ")");
    }
    if (!(root.get("splits") instanceof Map<?, ?> splits)) {
      throw new IllegalArgumentException("splits (expected: an object)");
    }
    Map<String, Entry> shards = new HashMap<>();
    for (Map.Entry<?, ?> split : splits.entrySet()) {
      if (!(split.getValue() instanceof Map<?, ?> s) || !(s.get("shards") instanceof List<?> l)) {
        throw new IllegalArgumentException(
            "splits." + split.getKey() + ".shards (expected: an array)");
      }
      for (Object o : l) {
        Map<?, ?> shard = o instanceof Map<?, ?> m ? m : Map.of();
        long count = natural(shard.get("count"));
        long bytes = natural(shard.get("bytes"));
        if (!(shard.get("file") instanceof String file) || count < 0 || bytes < 0) {
          throw new IllegalArgumentException(
              "splits."
                  + split.getKey()
                  + ".shards: "
                  + o
                  + " (expected: file, count >= 0 and bytes >= 0)");
        }
        Entry before = shards.put(file, new Entry(count, bytes));
        if (before != null && !before.equals(new Entry(count, bytes))) {
          throw new IllegalArgumentException(file + " is listed twice, differently");
        }
      }
    }
    return new ConversionManifest(Map.copyOf(shards), null);
  }

  /**
   * A JSON integer as a long (the mapper gives Integer, Long or BigInteger by size), or -1 for
   * anything else: a fraction, a string, a number past {@code long}, or nothing.
   */
  private static long natural(@Nullable Object value) {
    return value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : -1;
  }

  private static ConversionManifest ignored(String location, @Nullable String reason) {
    return new ConversionManifest(Map.of(), location + ": " + reason);
  }

  /** Returns the shard of this file name, or null when the manifest does not list it. */
  @Nullable Entry shard(String fileName) {
    return shards.get(fileName);
  }

  /** Returns why the manifest is not used, or null when it is. */
  @Nullable String ignored() {
    return ignored;
  }
}
