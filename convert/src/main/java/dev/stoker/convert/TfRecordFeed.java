package dev.stoker.convert;

import dev.stoker.io.source.SplitFractions;
import dev.stoker.io.source.Subset;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordException;
import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import dev.stoker.tfrecord.example.ExampleReader;
import dev.stoker.tfrecord.example.FeatureKind;
import dev.stoker.tfrecord.example.FeatureView;
import dev.stoker.tfrecord.example.InvalidExampleException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * TFRecord shards to re-shard or recompress: every record is copied as it is (all its features),
 * read in file order; compression is detected per file. A first pass counts the records. A split
 * decides each record by its dataset-wide index with {@link SplitFractions#subsetOf}. Damage in a
 * file skips the rest of that file, reported with the offset.
 */
public final class TfRecordFeed implements SampleFeed {
  private final List<Path> files;
  private final @Nullable SplitFractions split;
  private final long total;
  private final TreeMap<Long, String> names = new TreeMap<>();

  private TfRecordFeed(List<Path> files, @Nullable SplitFractions split, long total) {
    this.files = files;
    this.split = split;
    this.total = total;
  }

  /**
   * Opens TFRecord shards, whose records are copied as they are.
   *
   * @param files the shards, in order
   * @param split the seeded split, or null for one split
   * @return the feed, which the caller closes
   * @throws IOException when a shard cannot be opened
   */
  public static TfRecordFeed open(List<Path> files, @Nullable SplitFractions split)
      throws IOException {
    long total = 0;
    for (Path f : files) {
      try (TfRecordReader reader = open(f, false)) {
        while (reader.next()) {
          total++;
        }
      } catch (TfRecordException e) {
        // Counted up to the damage; the copying pass reports it.
        total += e.recordIndex();
      }
    }
    return new TfRecordFeed(List.copyOf(files), split, total);
  }

  private static TfRecordReader open(Path file, boolean verifyData) throws IOException {
    TfRecordCompression c = CompressionSniffer.detect(file);
    return TfRecordReader.open(
        file, TfRecordReaderOptions.builder().compression(c).verifyDataCrc(verifyData).build());
  }

  @Override
  public List<String> splitNames() {
    if (split == null) {
      return List.of(Splits.name(Subset.TRAIN));
    }
    List<String> out = new ArrayList<>();
    for (Subset s : Subset.values()) {
      out.add(Splits.name(s));
    }
    return out;
  }

  @Override
  public long[] splitCounts() {
    if (split == null) {
      return new long[] {total};
    }
    long[] counts = new long[3];
    for (long id = 0; id < total; id++) {
      counts[ParquetFeed.splitOf(split, id)]++;
    }
    return counts;
  }

  @Override
  public List<String> labelNames() {
    if (names.isEmpty()) {
      return List.of();
    }
    long max = names.lastKey();
    if (names.firstKey() < 0 || max > 1_000_000) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (long l = 0; l <= max; l++) {
      out.add(names.getOrDefault(l, ""));
    }
    return out;
  }

  @Override
  public String kind() {
    return "tfrecord";
  }

  @Override
  public void feed(SampleSink sink) throws IOException, InterruptedException {
    long id = 0;
    ExampleReader example = new ExampleReader();
    FeatureView view = new FeatureView();
    for (Path f : files) {
      try (TfRecordReader reader = open(f, true)) {
        while (true) {
          if (Thread.interrupted()) {
            throw new InterruptedException("tfrecord-convert interrupted while reading " + f);
          }
          int splitIndex = split == null ? 0 : ParquetFeed.splitOf(split, id);
          try {
            if (!reader.next()) {
              break;
            }
          } catch (TfRecordException e) {
            sink.skip(
                splitIndex,
                f + " at offset " + e.offset(),
                e.check() + ": the rest of the file is skipped: " + e.getMessage());
            break;
          }
          MemorySegment payload = reader.record();
          long label = -1;
          try {
            example.wrap(payload);
            if (example.find("image/class/label", view)
                && view.kind() == FeatureKind.INT64_LIST
                && view.count() > 0) {
              label = view.int64(0);
              if (example.find("image/class/text", view)
                  && view.kind() == FeatureKind.BYTES_LIST
                  && view.count() > 0) {
                names.putIfAbsent(
                    label,
                    new String(
                        view.bytes(0).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
              }
            }
          } catch (InvalidExampleException e) {
            label = -1;
          }
          sink.accept(
              new InputSample(
                  splitIndex,
                  id,
                  label,
                  f.getFileName() + "#" + reader.index(),
                  payload.toArray(ValueLayout.JAVA_BYTE),
                  true));
          id++;
        }
      }
    }
  }

  @Override
  public void close() {}
}
