package dev.stoker.io.source;

import dev.stoker.io.storage.Storage;
import dev.stoker.tfrecord.TfRecordFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The record offsets of one TFRecord shard, from a DALI index file ({@code offset size} per line,
 * as {@link dev.stoker.tfrecord.TfRecordIndex} writes) read through a {@link Storage}. The index
 * must cover the shard exactly: the first record at offset 0, each next one where the previous
 * frame ends, and the last frame ending at the shard's size. A stale index fails here, at open,
 * rather than as a checksum error per sample later.
 */
final class IndexFile {
  private IndexFile() {}

  static long[] read(Storage storage, String index, String shard, long shardSize)
      throws IOException {
    long[] offsets = new long[64];
    int count = 0;
    long expected = 0;
    try (BufferedReader in =
        new BufferedReader(
            Channels.newReader(storage.openSequential(index), StandardCharsets.US_ASCII))) {
      String line;
      long lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = trimmed.split("\\s+", -1);
        long offset;
        long size;
        try {
          if (parts.length != 2) {
            throw new NumberFormatException();
          }
          offset = Long.parseLong(parts[0]);
          size = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
          throw new IOException(
              index + ": line " + lineNumber + ": '" + trimmed + "' (expected: offset size)", e);
        }
        if (offset != expected || size < TfRecordFrame.OVERHEAD) {
          throw new IOException(
              index
                  + ": line "
                  + lineNumber
                  + ": offset="
                  + offset
                  + " size="
                  + size
                  + " (expected: offset "
                  + expected
                  + " and size >= "
                  + TfRecordFrame.OVERHEAD
                  + ": the index does not match "
                  + shard
                  + ")");
        }
        if (count == offsets.length) {
          offsets = Arrays.copyOf(offsets, count * 2);
        }
        offsets[count++] = offset;
        expected = offset + size;
      }
    }
    if (expected != shardSize) {
      throw new IOException(
          index
              + ": records end at offset "
              + expected
              + " (expected: "
              + shardSize
              + ", the size of "
              + shard
              + "): the index is stale");
    }
    return Arrays.copyOf(offsets, count);
  }
}
