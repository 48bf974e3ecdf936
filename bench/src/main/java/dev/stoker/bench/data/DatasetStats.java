package dev.stoker.bench.data;

import dev.stoker.decode.ChromaSubsampling;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.ImageIoDecoder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a folder of JPEGs holds, measured from the files themselves (sizes from the headers, bits
 * per pixel from the file lengths), so the report states what was decoded, not what was intended.
 *
 * @param images the number of JPEGs
 * @param minPixels the smallest image, in pixels
 * @param maxPixels the largest image, in pixels
 * @param meanMegapixels the mean size, in megapixels
 * @param bitsPerPixel the total file bytes × 8 over the total pixels
 * @param subsampling how many images have each chroma subsampling
 * @param progressive how many images are progressive
 * @param commonSize the most frequent {@code width×height}
 */
public record DatasetStats(
    int images,
    long minPixels,
    long maxPixels,
    double meanMegapixels,
    double bitsPerPixel,
    Map<ChromaSubsampling, Integer> subsampling,
    int progressive,
    String commonSize) {

  /** Copies the map. */
  public DatasetStats {
    subsampling = Map.copyOf(subsampling);
  }

  /**
   * Measures JPEG files.
   *
   * @param files the files
   * @return the statistics
   * @throws IOException when a file cannot be read or is no JPEG
   */
  public static DatasetStats measure(List<Path> files) throws IOException {
    long bytes = 0;
    long pixels = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    int progressive = 0;
    Map<ChromaSubsampling, Integer> subsampling = new TreeMap<>();
    Map<String, Integer> sizes = new TreeMap<>();
    try (ImageDecoder probe = new ImageIoDecoder(DecodeOptions.defaults())) {
      for (Path file : files) {
        byte[] jpeg = Files.readAllBytes(file);
        ImageInfo info = probe.probe(MemorySegment.ofArray(jpeg));
        bytes += jpeg.length;
        pixels += info.pixels();
        min = Math.min(min, info.pixels());
        max = Math.max(max, info.pixels());
        progressive += info.progressive() ? 1 : 0;
        subsampling.merge(info.subsampling(), 1, Integer::sum);
        sizes.merge(info.width() + "×" + info.height(), 1, Integer::sum);
      }
    }
    String common =
        sizes.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse("none");
    return new DatasetStats(
        files.size(),
        files.isEmpty() ? 0 : min,
        max,
        files.isEmpty() ? 0 : pixels / 1e6 / files.size(),
        pixels == 0 ? 0 : bytes * 8.0 / pixels,
        subsampling,
        progressive,
        common);
  }

  /**
   * Describes the statistics in one line, e.g. {@code 300 JPEGs, 0.19 MP mean (0.17–0.19 MP, most
   * 500×375), 4.0 bits/pixel, S420: 300, 0 progressive}.
   *
   * @return the line
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    subsampling.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(b.isEmpty() ? "" : ", ")
                    .append(name(e.getKey()))
                    .append(": ")
                    .append(e.getValue()));
    return String.format(
        Locale.ROOT,
        "%d JPEGs, %.2f MP mean (%.2f–%.2f MP, most %s), %.2f bits/pixel, %s, %d progressive",
        images,
        meanMegapixels,
        minPixels / 1e6,
        maxPixels / 1e6,
        commonSize,
        bitsPerPixel,
        b,
        progressive);
  }

  private static String name(ChromaSubsampling s) {
    return switch (s) {
      case S444 -> "4:4:4";
      case S422 -> "4:2:2";
      case S420 -> "4:2:0";
      case S440 -> "4:4:0";
      case S411 -> "4:1:1";
      case GRAY -> "gray";
      case OTHER -> "other";
    };
  }
}
