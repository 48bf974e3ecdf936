package dev.stoker.tensorflow;

import dev.stoker.core.Checks;
import dev.stoker.decode.DctScale;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.decode.ImageDecodeException;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageFormat;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.ImageIoDecoder;
import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;
import org.tensorflow.EagerSession;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFUnimplementedException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Decodes JPEGs with TensorFlow's own {@code DecodeJpeg} op, run eagerly: the JPEG decoder to use
 * when libturbojpeg is not installed, since TensorFlow ships its own libjpeg-turbo and runs at
 * 0.8–0.9× of the system library, about 2.5 times the speed of ImageIO ({@code
 * shared/corpus/README.md}).
 *
 * <pre>{@code
 * try (ImageDecoder decoder = TfDecodeJpegDecoder.create(DecodeOptions.defaults())) { // per thread
 *   ImageInfo info = decoder.probe(encoded);
 *   PixelBuffer pixels = decoder.decode(encoded, DctScale.HALF, 3, target, rowStride);
 * }
 * }</pre>
 *
 * <p><b>What it computes.</b> Baseline and progressive JPEGs with one or three components, at full
 * size or scaled by 1/2, 1/4 or 1/8 in the DCT domain ({@code ratio}), as RGB or luminance ({@code
 * channels}); a scaled dimension is {@code ceil(size / denominator)}, as in libjpeg. The op runs
 * with {@code dct_method = "INTEGER_ACCURATE"} (libjpeg's {@code JDCT_ISLOW}), the method
 * libjpeg-turbo and {@code TurboJpegDecoder} use by default: TensorFlow's own default, the empty
 * string, selects {@code INTEGER_FAST} ({@code JDCT_IFAST}), which on the corpus photos changes 65
 * % of the values, by up to 8 levels. With the accurate method the output is identical to {@code
 * TurboJpegDecoder}'s (tested on baseline JPEGs at every scale, RGB and luminance). With {@link
 * DecodeOptions#fastDct()} the op runs with TensorFlow's default method instead, as {@code
 * TurboJpegDecoder} then runs with {@code TJFLAG_FASTDCT}. CMYK and YCCK JPEGs are refused as
 * {@link ImageDecodeException.Reason#UNSUPPORTED}: decode them with {@link ImageIoDecoder}.
 *
 * <p><b>Errors.</b> The header is parsed in Java ({@link ImageIoDecoder#probe}, which reads only
 * the JPEG markers) and {@code width × height} is checked against {@link DecodeOptions#maxPixels()}
 * before TensorFlow sees the data. Any error TensorFlow reports (corrupt or truncated data: the op
 * runs with {@code try_recover_truncated = false} and {@code acceptable_fraction = 1}) becomes an
 * {@link ImageDecodeException} with reason {@code CORRUPT} ({@code UNSUPPORTED} when TensorFlow
 * says the variant is unimplemented). TensorFlow does not report libjpeg's warnings, so {@link
 * DecodeOptions#strict()} cannot turn them into errors here.
 *
 * <p><b>Cost and memory.</b> Each decode copies the encoded bytes to the heap and into a {@code
 * TString} tensor, and copies the decoded pixels from TensorFlow's output tensor into {@code
 * target}. Every tensor is closed before {@link #decode} returns. That alone does not bound memory:
 * TensorFlow Java keeps each eager operation's output handle, and with it the decoded image, until
 * its session closes. So the decoder replaces its session after every 16 MiB of input and output;
 * what it holds natively stays below that, whatever the run length.
 *
 * <p><b>Ownership and threading.</b> One decoder holds one {@link EagerSession} at a time, with one
 * intra-op and one inter-op thread; it is not thread-safe: create one per worker thread. {@link
 * #close()} closes the session; it is idempotent, and the decoder throws {@link
 * IllegalStateException} afterwards.
 */
public final class TfDecodeJpegDecoder implements ImageDecoder {
  private static final Set<DctScale> SCALES =
      Set.of(DctScale.FULL, DctScale.HALF, DctScale.QUARTER, DctScale.EIGHTH);
  private static final String DCT_METHOD = "INTEGER_ACCURATE";

  /** TensorFlow's default {@code dct_method}, libjpeg's {@code JDCT_IFAST}: for fastDct. */
  private static final String FAST_DCT_METHOD = "";

  /**
   * How many bytes of inputs and outputs one eager session may hold before it is replaced: the
   * bound on the native memory a decoder keeps between sessions.
   */
  static final long SESSION_BYTES = 16L << 20;

  private final DecodeOptions options;
  private final ImageIoDecoder headers;
  private EagerSession session;
  private Ops tf;
  private long sessionBytes;
  private boolean closed;

  private TfDecodeJpegDecoder(DecodeOptions options) {
    this.options = options;
    this.headers = new ImageIoDecoder(options);
    this.session = newSession();
    this.tf = Ops.create(session);
  }

  private static EagerSession newSession() {
    return EagerSession.options()
        .config(
            ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(1)
                .setInterOpParallelismThreads(1)
                .build())
        .build();
  }

  /**
   * Closing the output tensor is not enough: TensorFlow Java 1.1.0 keeps every eager operation's
   * output handle, which holds the decoded image, attached to the session until the session closes
   * (measured: +0.75 MB of resident memory per 500×375 image, and three times slower after a
   * thousand images). So a session is used for {@link #SESSION_BYTES} of data, then replaced.
   */
  private void accountAndRenew(long bytes) {
    sessionBytes += bytes;
    if (sessionBytes < SESSION_BYTES) {
      return;
    }
    sessionBytes = 0;
    EagerSession old = session;
    session = newSession();
    tf = Ops.create(session);
    old.close();
  }

  /**
   * Creates a decoder with its own eager session.
   *
   * @param options the pixel limit and strictness
   * @return a decoder for one thread, closed by its owner
   */
  public static TfDecodeJpegDecoder create(DecodeOptions options) {
    return new TfDecodeJpegDecoder(options);
  }

  @Override
  public String name() {
    return "tensorflow-decodejpeg";
  }

  @Override
  public boolean canDecode(ImageInfo info) {
    return info.format() == ImageFormat.JPEG && info.components() != 4;
  }

  @Override
  public Set<DctScale> scales(ImageInfo info) {
    return SCALES;
  }

  @Override
  public ImageInfo probe(MemorySegment encoded) {
    ensureOpen();
    if (ImageFormat.sniff(encoded) != ImageFormat.JPEG) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED, "not a JPEG: no SOI marker FF D8 at offset 0");
    }
    return headers.probe(encoded);
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride) {
    ensureOpen();
    Checks.require(channels == 1 || channels == 3, "channels", channels, "1 or 3");
    ImageInfo info = probe(encoded);
    if (info.width() <= 0 || info.height() <= 0) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.CORRUPT,
          "header size " + info.width() + "×" + info.height() + " (expected: both > 0)");
    }
    if (info.pixels() > options.maxPixels()) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.TOO_LARGE,
          Checks.message(
              "width×height",
              info.width() + "×" + info.height() + " = " + info.pixels(),
              "<= maxPixels " + options.maxPixels()));
    }
    if (info.components() == 4) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED,
          "CMYK/YCCK JPEG: DecodeJpeg cannot convert it to RGB (decode it with ImageIoDecoder)");
    }
    int width = scale.scaled(info.width());
    int height = scale.scaled(info.height());
    long rowBytes = (long) width * channels;
    Checks.require(
        rowStride >= rowBytes, "rowStride", rowStride, ">= " + rowBytes + " for width " + width);
    long needed = (height - 1) * rowStride + rowBytes;
    Checks.require(
        target.byteSize() >= needed,
        "target.byteSize",
        target.byteSize(),
        ">= " + needed + " for " + width + "×" + height + "×" + channels);
    byte[] bytes = encoded.toArray(ValueLayout.JAVA_BYTE);
    accountAndRenew(bytes.length + rowBytes * height);
    try (TString input = TString.tensorOfBytes(NdArrays.scalarOfObject(bytes))) {
      Constant<TString> constant = tf.constantOf(input);
      DecodeJpeg op =
          DecodeJpeg.create(
              tf.scope(),
              constant,
              DecodeJpeg.channels((long) channels),
              DecodeJpeg.ratio((long) scale.denominator()),
              DecodeJpeg.dctMethod(options.fastDct() ? FAST_DCT_METHOD : DCT_METHOD),
              DecodeJpeg.tryRecoverTruncated(false),
              DecodeJpeg.acceptableFraction(1f));
      try (TUint8 output = op.asTensor()) {
        Shape expected = Shape.of(height, width, channels);
        if (!output.shape().equals(expected)) {
          throw new ImageDecodeException(
              ImageDecodeException.Reason.CORRUPT,
              "DecodeJpeg output shape="
                  + output.shape()
                  + " (expected: "
                  + expected
                  + " from the header's "
                  + info.width()
                  + "×"
                  + info.height()
                  + " at scale 1/"
                  + scale.denominator()
                  + ")");
        }
        copyRows(output, width, height, channels, target, rowStride);
      }
    } catch (TensorFlowException | TFInvalidArgumentException e) {
      throw failed(ImageDecodeException.Reason.CORRUPT, info, bytes.length, e);
    } catch (TFUnimplementedException e) {
      throw failed(ImageDecodeException.Reason.UNSUPPORTED, info, bytes.length, e);
    }
    return new PixelBuffer(target, width, height, channels, rowStride);
  }

  /**
   * TensorFlow Java maps a failed status to {@link TensorFlowException} or one of its subclasses,
   * except INVALID_ARGUMENT ({@link TFInvalidArgumentException}, an {@link
   * IllegalArgumentException}: what corrupt data raises) and UNIMPLEMENTED ({@link
   * TFUnimplementedException}, an {@link UnsupportedOperationException}).
   */
  private static ImageDecodeException failed(
      ImageDecodeException.Reason reason, ImageInfo info, int length, RuntimeException e) {
    return new ImageDecodeException(
        reason,
        "TensorFlow DecodeJpeg failed on "
            + info.width()
            + "×"
            + info.height()
            + " JPEG of "
            + length
            + " bytes: "
            + e.getMessage(),
        e);
  }

  private static void copyRows(
      TUint8 output, int width, int height, int channels, MemorySegment target, long rowStride) {
    long rowBytes = (long) width * channels;
    MemorySegment pixels =
        TensorMemory.segment(output, "DecodeJpeg output", rowBytes * height, 1, null);
    if (rowStride == rowBytes) {
      MemorySegment.copy(pixels, 0, target, 0, rowBytes * height);
      return;
    }
    for (int y = 0; y < height; y++) {
      MemorySegment.copy(pixels, y * rowBytes, target, y * rowStride, rowBytes);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("decoder is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } finally {
      headers.close();
    }
  }
}
