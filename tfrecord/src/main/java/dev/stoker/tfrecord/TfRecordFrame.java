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

  /** Slicing-by-8 tables for CRC-32C (reflected polynomial 0x82f63b78), for the length field. */
  private static final int[][] LENGTH_CRC_TABLES = lengthCrcTables();

  private TfRecordFrame() {}

  private static int[][] lengthCrcTables() {
    int[][] t = new int[8][256];
    for (int i = 0; i < 256; i++) {
      int c = i;
      for (int k = 0; k < 8; k++) {
        c = (c >>> 1) ^ ((c & 1) != 0 ? 0x82f63b78 : 0);
      }
      t[0][i] = c;
    }
    for (int n = 1; n < 8; n++) {
      for (int i = 0; i < 256; i++) {
        t[n][i] = (t[n - 1][i] >>> 8) ^ t[0][t[n - 1][i] & 0xff];
      }
    }
    return t;
  }

  /**
   * Computes the masked CRC32C of a length field: of the 8 little-endian bytes of {@code length}.
   * Equal to {@link #maskedCrc(CRC32C, byte[], int, int)} over those bytes, without a buffer; a
   * reader checks one per record, so this is a table lookup rather than a call into {@link CRC32C}.
   *
   * @param length the length field as stored (any 64-bit pattern)
   * @return the masked CRC32C of its 8 bytes
   */
  public static int maskedLengthCrc(long length) {
    int[][] t = LENGTH_CRC_TABLES;
    int lo = ~(int) length;
    int hi = (int) (length >>> 32);
    int crc =
        t[7][lo & 0xff]
            ^ t[6][(lo >>> 8) & 0xff]
            ^ t[5][(lo >>> 16) & 0xff]
            ^ t[4][lo >>> 24]
            ^ t[3][hi & 0xff]
            ^ t[2][(hi >>> 8) & 0xff]
            ^ t[1][(hi >>> 16) & 0xff]
            ^ t[0][hi >>> 24];
    return mask(~crc);
  }

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
