package dev.stoker.io;

import java.lang.foreign.MemorySegment;

/**
 * Memory a {@link SampleStream}'s caller lends for the next sample's bytes, so that a stream which
 * reads a sample in one piece (a file of an image folder) reads it straight to where the caller
 * keeps it, instead of into its own buffer for the caller to copy. The pipeline's reader lends the
 * ring slot the sample will travel in.
 *
 * <p><b>Ownership and threading.</b> The caller owns the memory; the stream only writes the bytes
 * of the sample it is reading into it, on the thread that calls {@link SampleStream#next()}, and
 * {@link SampleStream#bytes()} is then a view of it, valid as long as the stream's own view would
 * be. The caller must not hand a reserved segment to anyone else before the next call to {@code
 * next()}.
 */
@FunctionalInterface
public interface SampleMemory {
  /**
   * Returns memory for one sample's bytes.
   *
   * @param bytes the sample's size, already checked against the source's {@code maxSampleBytes}
   * @return a segment of exactly {@code bytes}, or {@link MemorySegment#NULL} when the lender
   *     cannot hold that many; the stream then reads into its own buffer
   */
  MemorySegment reserve(long bytes);
}
