package dev.stoker.pipeline;

import dev.stoker.core.error.SamplePosition;
import java.lang.foreign.MemorySegment;

/**
 * One sample as it travels from the reader to a decode worker: its encoded bytes and who it is.
 *
 * <p>A view, valid only for the duration of the call that receives it: the bytes live in a ring
 * slot that is reused once the call returns. Copy what must outlive the call.
 */
public interface EncodedSample {
  /**
   * Returns the sample's stable id in its dataset: the key, with the seed and epoch, of every
   * random choice made for it.
   *
   * @return the sample id
   */
  long sampleId();

  /**
   * Returns the epoch this sample is delivered in.
   *
   * @return the epoch, from 0
   */
  long epoch();

  /**
   * Returns the sample's class label.
   *
   * @return the label
   */
  long label();

  /**
   * Returns the encoded bytes (a JPEG, a PNG, …) in off-heap memory.
   *
   * @return a read-only view of the bytes
   */
  MemorySegment bytes();

  /**
   * Returns the file or URI the sample came from, for error reports.
   *
   * @return the source name
   */
  String source();

  /**
   * Returns where in the source the sample lies, for error reports.
   *
   * @return the position
   */
  SamplePosition position();
}
