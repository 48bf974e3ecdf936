package dev.stoker.tfrecord;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The layout of one TFRecord frame: the constants, the offset arithmetic and the masked CRC32C.
 *
 * <p>A TFRecord stream is a plain concatenation of frames, with no file header and no trailer. All
 * integers are little-endian:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      length (uint64, low word)                |  offset 0
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                      length (uint64, high word)               |  offset 4
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          masked CRC32C of the 8 length bytes (uint32)         |  offset 8
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                       payload (length bytes)                 ...  offset 12
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          masked CRC32C of the payload bytes (uint32)          |  offset 12 + length
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The CRC is CRC-32C (Castagnoli, {@link CRC32C}), masked as LevelDB and TensorFlow do so that a
 * CRC stored inside CRC'd data does not checksum to a fixed pattern: {@code masked = ((crc >>> 15)
 * | (crc << 17)) + 0xa282ead8}, in 32-bit arithmetic. With GZIP or ZLIB compression the whole
 * stream of frames is compressed, not each record.
 */
public final class TfRecordFrame {
  /** Offset of the uint64 payload length. */
  public static final int LENGTH_OFFSET = 0;

  /** Offset of the masked CRC32C of the 8 length bytes. */
  public static final int LENGTH_CRC_OFFSET = 8;

  /** Offset of the payload; also the header's length. */
  public static final int PAYLOAD_OFFSET = 12;

  /** Bytes before the payload: the length and its CRC. */
  public static final int HEADER_LENGTH = 12;

  /** Bytes after the payload: the payload's masked CRC. */
  public static final int FOOTER_LENGTH = 4;

  /** Bytes a frame adds to its payload. */
  public static final int OVERHEAD = HEADER_LENGTH + FOOTER_LENGTH;

  /** The constant added when masking a CRC. */
  public static final int MASK_DELTA = 0xa282ead8;

  private TfRecordFrame() {}

  /**
   * Returns the size of a whole frame around a payload.
   *
   * @param payloadLength the payload's length
   * @return {@code payloadLength + 16}
   */
  public static long frameLength(long payloadLength) {
    return payloadLength + OVERHEAD;
  }

  /**
   * Returns the offset of the footer (the payload CRC) in a frame.
   *
   * @param payloadLength the payload's length
   * @return {@code 12 + payloadLength}
   */
  public static long footerOffset(long payloadLength) {
    return PAYLOAD_OFFSET + payloadLength;
  }

  /**
   * Masks a CRC32C value.
   *
   * @param crc the raw CRC32C
   * @return the masked value stored in a frame
   */
  public static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
  }

  /**
   * Reverses {@link #mask(int)}.
   *
   * @param masked a masked CRC as stored in a frame
   * @return the raw CRC32C
   */
  public static int unmask(int masked) {
    int rotated = masked - MASK_DELTA;
    return (rotated >>> 17) | (rotated << 15);
  }

  /**
   * Computes the masked CRC32C of the bytes between a buffer's position and limit. The buffer's
   * position ends at its limit; the CRC object is reset first, so one can be reused.
   *
   * @param crc a reusable checksum
   * @param bytes the bytes to check
   * @return the masked CRC32C
   */
  public static int maskedCrc(CRC32C crc, ByteBuffer bytes) {
    crc.reset();
    crc.update(bytes);
    return mask((int) crc.getValue());
  }

  /**
   * Computes the masked CRC32C of part of an array.
   *
   * @param crc a reusable checksum
   * @param bytes the array
   * @param offset the first byte
   * @param length how many bytes
   * @return the masked CRC32C
   */
  public static int maskedCrc(CRC32C crc, byte[] bytes, int offset, int length) {
    crc.reset();
    crc.update(bytes, offset, length);
    return mask((int) crc.getValue());
  }
}
