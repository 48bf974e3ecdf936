package dev.stoker.io.source;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import dev.stoker.tfrecord.TfRecordIndex;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * The record offsets of one TFRecord shard, from a DALI index file ({@code offset size} per line,
 * as {@link dev.stoker.tfrecord.TfRecordIndex} writes) read through a {@link Storage}. The index
 * must cover the shard exactly: the first record at offset 0, each next one where the previous
 * frame ends, and the last frame ending at the shard's size. A stale index fails here, at open,
 * rather than as a checksum error per sample later (or, for an index read when a stream first needs
 * its shard, as that shard's samples failing with the reason).
 */
final class IndexFile {
  private IndexFile() {}

  static long[] read(Storage storage, String index, String shard, long shardSize)
      throws IOException {
    return read(storage.openSequential(index), index, shard, shardSize);
  }

  /**
   * The most bytes an index line can take per byte of its shard: a frame is at least 16 bytes and
   * its line ({@code offset size\n}, two decimal longs) at most 40, so an index over this times its
   * shard's size is not one, and is not read into memory.
   */
  static final int MAX_INDEX_BYTES_PER_SHARD_BYTE = 3;

  /**
   * Reads an index whose size a listing gave, in one positional read: two calls (open, read)
   * instead of a sequential read's three (open, read, the read that finds the end), and a failed
   * read is retried at its offset, without reopening the file and reading again up to there.
   */
  static long[] readListed(
      Storage storage, String index, long indexSize, String shard, long shardSize)
      throws IOException {
    long limit = MAX_INDEX_BYTES_PER_SHARD_BYTE * shardSize + 64;
    if (indexSize > limit || indexSize > Integer.MAX_VALUE - 8) {
      throw new IOException(
          index
              + ": size="
              + indexSize
              + " (expected: <= "
              + limit
              + " for the "
              + shardSize
              + " bytes of "
              + shard
              + "): not an index of it");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) indexSize);
    try (RandomReader reader = storage.openRandom(index)) {
      while (bytes.hasRemaining()) {
        if (reader.read(bytes.position(), bytes) < 0) {
          throw new IOException(
              index + ": ends at offset " + bytes.position() + " (expected: " + indexSize + ")");
        }
      }
    }
    return read(
        Channels.newChannel(new ByteArrayInputStream(bytes.array())), index, shard, shardSize);
  }

  private static long[] read(
      ReadableByteChannel channel, String index, String shard, long shardSize) throws IOException {
    TfRecordIndex parsed;
    try (BufferedReader in =
        new BufferedReader(Channels.newReader(channel, StandardCharsets.US_ASCII))) {
      parsed = TfRecordIndex.read(in, index);
    }
    // TfRecordIndex accepts gaps; a source needs the index to tile the shard exactly.
    long[] offsets = new long[parsed.count()];
    long expected = 0;
    for (int i = 0; i < offsets.length; i++) {
      long offset = parsed.offset(i);
      if (offset != expected) {
        throw new IOException(
            index
                + ": record "
                + i
                + ": offset="
                + offset
                + " (expected: "
                + expected
                + ", where the previous frame ends: the index does not match "
                + shard
                + ")");
      }
      offsets[i] = offset;
      expected = offset + parsed.frameSize(i);
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
    return offsets;
  }
}
