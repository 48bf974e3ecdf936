package dev.stoker.tfrecord;

import dev.stoker.core.Checks;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where each record of an uncompressed TFRecord file starts, in the index format of NVIDIA DALI's
 * {@code tfrecord2idx}: one line per record, {@code offset size}, both decimal, where {@code
 * offset} is the byte offset of the record's header and {@code size} the length of its whole frame
 * (header, payload and footer).
 *
 * <pre>{@code
 * TfRecordIndex index = TfRecordIndex.build(shard, TfRecordReaderOptions.defaults());
 * index.write(Path.of("shard.idx"));
 * try (TfRecordReader reader = TfRecordReader.open(shard, TfRecordReaderOptions.defaults())) {
 *   reader.readAt(index.offset(7), 7); // record 7, without reading 0..6
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TfRecordIndex {
  private final long[] offsets;
  private final long[] sizes;

  private TfRecordIndex(long[] offsets, long[] sizes) {
    this.offsets = offsets;
    this.sizes = sizes;
  }

  /**
   * Builds the index of a file in one streaming pass, checking every frame as a reader does.
   *
   * @param tfrecord an uncompressed TFRecord file
   * @param options how to read it; its compression must be {@link TfRecordCompression#NONE}
   * @return the index
   * @throws TfRecordException when a record is damaged
   * @throws IOException when the file cannot be read
   */
  public static TfRecordIndex build(Path tfrecord, TfRecordReaderOptions options)
      throws IOException {
    Checks.require(
        options.compression() == TfRecordCompression.NONE,
        "compression",
        options.compression(),
        "NONE: an index addresses an uncompressed file");
    Growing rows = new Growing();
    try (TfRecordReader reader = TfRecordReader.open(tfrecord, options)) {
      while (reader.next()) {
        rows.add(reader.offset(), TfRecordFrame.frameLength(reader.recordLength()));
      }
    }
    return rows.toIndex();
  }

  /**
   * Reads an index file. Lines must hold two non-negative decimal numbers separated by spaces, with
   * offsets increasing and sizes of at least one empty frame; blank lines are ignored.
   *
   * @param indexFile the file
   * @return the index
   * @throws IOException when the file cannot be read, or a line is malformed (the message names the
   *     file and the line)
   */
  public static TfRecordIndex read(Path indexFile) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(indexFile, StandardCharsets.US_ASCII)) {
      return read(in, indexFile.toString());
    }
  }

  /**
   * Reads an index from any text source (an index on HDFS or S3, say), as {@link #read(Path)} does.
   * The caller owns and closes {@code in}.
   *
   * @param in the index text, US-ASCII
   * @param name the index's name for error messages
   * @return the index
   * @throws IOException when reading fails, or a line is malformed (the message names {@code name}
   *     and the line)
   */
  public static TfRecordIndex read(BufferedReader in, String name) throws IOException {
    Growing rows = new Growing();
    long lineNumber = 0;
    long nextFree = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] parts = trimmed.split("[ \\t]+", -1);
      long offset;
      long size;
      try {
        if (parts.length != 2) {
          throw new NumberFormatException("fields=" + parts.length);
        }
        offset = Long.parseLong(parts[0]);
        size = Long.parseLong(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException(
            name + ": line " + lineNumber + ": '" + line + "' (expected: 'offset size')", e);
      }
      if (offset < nextFree || size < TfRecordFrame.OVERHEAD) {
        throw new IOException(
            name
                + ": line "
                + lineNumber
                + ": offset="
                + offset
                + " size="
                + size
                + " (expected: offset >= "
                + nextFree
                + " and size >= "
                + TfRecordFrame.OVERHEAD
                + ")");
      }
      nextFree = offset + size;
      rows.add(offset, size);
    }
    return rows.toIndex();
  }

  /**
   * Writes this index in DALI's format.
   *
   * @param indexFile the file to create or truncate
   * @throws IOException when the file cannot be written
   */
  public void write(Path indexFile) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(indexFile, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < offsets.length; i++) {
        out.write(line(offsets[i], sizes[i]));
      }
    }
  }

  static String line(long offset, long size) {
    return offset + " " + size + "\n";
  }

  /**
   * Returns how many records the index lists.
   *
   * @return the record count
   */
  public int count() {
    return offsets.length;
  }

  /**
   * Returns the byte offset of a record's header.
   *
   * @param record the record's index
   * @return the offset
   * @throws IndexOutOfBoundsException when {@code record} is not in {@code [0, count())}
   */
  public long offset(int record) {
    return offsets[record];
  }

  /**
   * Returns the length of a record's whole frame.
   *
   * @param record the record's index
   * @return header, payload and footer, in bytes
   * @throws IndexOutOfBoundsException when {@code record} is not in {@code [0, count())}
   */
  public long frameSize(int record) {
    return sizes[record];
  }

  /**
   * Returns the length of a record's payload.
   *
   * @param record the record's index
   * @return {@link #frameSize(int)} minus the 16 bytes of framing
   * @throws IndexOutOfBoundsException when {@code record} is not in {@code [0, count())}
   */
  public long payloadLength(int record) {
    return sizes[record] - TfRecordFrame.OVERHEAD;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TfRecordIndex other
        && Arrays.equals(offsets, other.offsets)
        && Arrays.equals(sizes, other.sizes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(sizes);
  }

  @Override
  public String toString() {
    return "TfRecordIndex[" + offsets.length + " records]";
  }

  private static final class Growing {
    private long[] offsets = new long[64];
    private long[] sizes = new long[64];
    private int count;

    void add(long offset, long size) {
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
        sizes = Arrays.copyOf(sizes, count * 2);
      }
      offsets[count] = offset;
      sizes[count++] = size;
    }

    TfRecordIndex toIndex() {
      return new TfRecordIndex(Arrays.copyOf(offsets, count), Arrays.copyOf(sizes, count));
    }
  }
}
