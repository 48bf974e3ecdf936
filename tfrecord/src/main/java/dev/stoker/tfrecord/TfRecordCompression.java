package dev.stoker.tfrecord;

/**
 * How a whole TFRecord stream is compressed, with TensorFlow's names ({@code compression_type} in
 * {@code TFRecordDataset}: {@code ""}, {@code "GZIP"}, {@code "ZLIB"}).
 */
public enum TfRecordCompression {
  /** Frames stored as they are; the only form that allows reading a record at an offset. */
  NONE,
  /** One or more gzip members (RFC 1952) wrapping the stream of frames. */
  GZIP,
  /** A zlib stream (RFC 1950: 2-byte header, deflate data, Adler-32) wrapping the frames. */
  ZLIB
}
