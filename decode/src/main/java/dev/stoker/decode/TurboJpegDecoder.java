package dev.stoker.decode;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.stoker.core.Checks;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decodes JPEGs with libjpeg-turbo's TurboJPEG API ({@code libturbojpeg.so.0}, Debian package
 * {@code libturbojpeg0}), called through {@code java.lang.foreign}: no JNI, no generated code.
 *
 * <pre>{@code
 * if (TurboJpegDecoder.isAvailable()) {
 *   try (TurboJpegDecoder decoder = TurboJpegDecoder.create(DecodeOptions.defaults())) {
 *     ImageInfo info = decoder.probe(encoded);
 *     PixelBuffer rgb = decoder.decode(encoded, DctScale.HALF, 3, target, rowStride);
 *   }
 * } else {
 *   System.out.println(TurboJpegDecoder.unavailableReason().orElseThrow());
 * }
 * }</pre>
 *
 * <h2>Output</h2>
 *
 * RGB (or luminance) with libjpeg's accurate integer IDCT and fancy (smooth) chroma upsampling, the
 * library defaults ({@link DecodeOptions#fastDct()} selects the fast IDCT, TensorFlow's default).
 * On baseline YCbCr and grayscale JPEGs this is bit-identical to the JDK's ImageIO decoder and so
 * to {@link ImageIoDecoder}. A truncated or damaged scan usually decodes with a warning, its
 * missing part gray; that image is returned, unless {@link DecodeOptions#strict()} makes it an
 * error. CMYK and YCCK JPEGs are left to {@link ImageIoDecoder}, which applies their colour
 * profile. {@link TurboJpegLibrary} lists the bound C functions.
 *
 * <h2>Bad input</h2>
 *
 * The header is read first, and an image over {@link DecodeOptions#maxPixels()} is refused before
 * anything is decoded; target size and row stride are checked before native code sees the buffers,
 * so corrupt data can only ever raise {@link ImageDecodeException}. Progressive files are limited
 * to 500 scans ({@code TJFLAG_LIMITSCANS}), which defuses the crafted-progressive-JPEG denial of
 * service.
 *
 * <h2>Progressive JPEGs and malloc</h2>
 *
 * For a progressive JPEG, libjpeg-turbo allocates a coefficient buffer for the whole image and
 * frees it after every decode. Under glibc's default malloc that buffer is large enough to be
 * {@code mmap}ed and unmapped each time, and the page faults of touching fresh pages made
 * progressive decodes up to 3× slower than baseline ones of the same image on our test VM. Convert
 * progressive files to baseline when writing shards ({@code jpegtran -copy none -optimize} keeps
 * the pixels identical), or raise glibc's {@code M_MMAP_THRESHOLD} ({@code
 * MALLOC_MMAP_THRESHOLD_=…}) for the process. {@link ImageInfo#progressive()} tells which files are
 * affected.
 *
 * <h2>Scaling</h2>
 *
 * {@link #scales(ImageInfo)} offers 1/1, 1/2, 1/4 and 1/8; see {@link DctScale} for why not the
 * others.
 *
 * <h2>Memory</h2>
 *
 * Every native byte the decoder allocates itself is drawn from a {@link MemoryBudget}: a few bytes
 * for header results ({@code "turbojpeg header"}) and, only when given heap segments, grow-only
 * copy buffers ({@code "turbojpeg input copy"}, {@code "turbojpeg output copy"}). A pipeline passes
 * its worker's budget to {@link #create(DecodeOptions, MemoryBudget)}; {@link
 * #create(DecodeOptions)} gives the decoder a budget of its own, {@code "turbojpeg decoder"}, that
 * it closes with itself. What libjpeg-turbo mallocs inside a call (its tables, and for progressive
 * files a coefficient buffer of the whole image, bounded by {@link DecodeOptions#maxPixels()}) is
 * freed before the call returns and is not counted.
 *
 * <p><b>Ownership and threading.</b> One instance owns one TurboJPEG decompression handle and the
 * buffers above. TurboJPEG handles are not thread-safe, so neither is this class: give each worker
 * thread its own decoder. Native segments in and out are used in place, so the steady state
 * allocates nothing. {@link #close()} destroys the handle and returns the buffers to the budget; it
 * is idempotent, and the decoder throws {@link IllegalStateException} afterwards.
 */
public final class TurboJpegDecoder implements ImageDecoder {
  private static final Set<DctScale> SCALES =
      Collections.unmodifiableSet(EnumSet.allOf(DctScale.class));

  private final TurboJpegLibrary library;
  private final DecodeOptions options;
  private final @Nullable MemoryBudget ownBudget;
  private final OffHeapBuffer headerBuffer;
  private final MemorySegment handle;
  private final MemorySegment header;
  private final MemorySegment headerHeight;
  private final MemorySegment headerSubsampling;
  private final MemorySegment headerColorspace;
  private final NativeScratch input;
  private final NativeScratch output;
  private boolean closed;

  private TurboJpegDecoder(
      TurboJpegLibrary library,
      DecodeOptions options,
      MemoryBudget budget,
      @Nullable MemoryBudget ownBudget) {
    this.library = library;
    this.options = options;
    this.ownBudget = ownBudget;
    this.headerBuffer = budget.allocate("turbojpeg header", 4 * JAVA_INT.byteSize());
    this.header = headerBuffer.segment();
    this.headerHeight = header.asSlice(4);
    this.headerSubsampling = header.asSlice(8);
    this.headerColorspace = header.asSlice(12);
    this.input = new NativeScratch(budget, "turbojpeg input copy");
    this.output = new NativeScratch(budget, "turbojpeg output copy");
    MemorySegment h;
    try {
      h = (MemorySegment) library.initDecompress.invokeExact();
    } catch (Throwable t) {
      headerBuffer.close();
      throw new IllegalStateException("tjInitDecompress failed", t);
    }
    if (h.equals(MemorySegment.NULL)) {
      headerBuffer.close();
      throw new IllegalStateException("tjInitDecompress returned NULL (out of memory?)");
    }
    this.handle = h;
  }

  /**
   * Tells whether libturbojpeg could be loaded in this JVM. The first call tries to load it, and
   * logs once, at INFO, when it cannot.
   *
   * @return true when {@link #create} will succeed
   */
  public static boolean isAvailable() {
    return TurboJpegLibrary.get().isPresent();
  }

  /**
   * Returns why libturbojpeg could not be loaded.
   *
   * @return the reason (library or symbol not found), or empty when it is available
   */
  public static Optional<String> unavailableReason() {
    return TurboJpegLibrary.unavailableReason();
  }

  /**
   * Creates a decoder with its own TurboJPEG handle and its own memory budget, {@code "turbojpeg
   * decoder"}, which it closes with itself.
   *
   * @param options the pixel limit and strictness
   * @return a decoder, to be used by one thread at a time and closed by its owner
   * @throws IllegalStateException when the library is not available (see {@link
   *     #unavailableReason()})
   */
  public static TurboJpegDecoder create(DecodeOptions options) {
    TurboJpegLibrary library = library();
    MemoryBudget own = MemoryBudget.create("turbojpeg decoder", Long.MAX_VALUE);
    try {
      return new TurboJpegDecoder(library, options, own, own);
    } catch (RuntimeException e) {
      own.close();
      throw e;
    }
  }

  /**
   * Creates a decoder with its own TurboJPEG handle, whose buffers are drawn from the caller's
   * budget.
   *
   * @param options the pixel limit and strictness
   * @param budget where the decoder's native buffers come from; it must outlive the decoder
   * @return a decoder, to be used by one thread at a time and closed by its owner
   * @throws IllegalStateException when the library is not available (see {@link
   *     #unavailableReason()})
   * @throws dev.stoker.core.memory.BudgetExceededException when the budget has no room for the
   *     header buffer (a copy buffer that does not fit fails the decode that needs it)
   */
  public static TurboJpegDecoder create(DecodeOptions options, MemoryBudget budget) {
    return new TurboJpegDecoder(library(), options, budget, null);
  }

  private static TurboJpegLibrary library() {
    return TurboJpegLibrary.get()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "libturbojpeg is not available: " + unavailableReason().orElse("unknown")));
  }

  @Override
  public String name() {
    return "turbojpeg";
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
    ImageInfo info = JpegHeader.parse(encoded);
    options.checkPixels(info.width(), info.height());
    return info;
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride) {
    ensureOpen();
    Checks.require(channels == 1 || channels == 3, "channels", channels, "1 or 3");
    if (ImageFormat.sniff(encoded) != ImageFormat.JPEG) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED, "not a JPEG: no SOI marker FF D8 at offset 0");
    }
    MemorySegment source = nativeCopy(encoded);
    readHeader(source);
    int width = header.getAtIndex(JAVA_INT, 0);
    int height = header.getAtIndex(JAVA_INT, 1);
    int colorspace = header.getAtIndex(JAVA_INT, 3);
    boolean cmyk =
        colorspace == TurboJpegLibrary.TJCS_CMYK || colorspace == TurboJpegLibrary.TJCS_YCCK;
    return decompress(source, width, height, cmyk, scale, channels, target, rowStride);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the header's size and colour components come from {@code info}, read in Java by {@link
   * #probe}, and libjpeg-turbo's own header pass ({@code tjDecompressHeader3}) is skipped: {@code
   * tjDecompress2} reads the header once more anyway. Should {@code info} not describe these bytes,
   * libjpeg-turbo still never writes beyond the {@code w × h} the checks below admitted: it scales
   * the image down to fit instead.
   */
  @Override
  public PixelBuffer decode(
      MemorySegment encoded,
      ImageInfo info,
      DctScale scale,
      int channels,
      MemorySegment target,
      long rowStride) {
    ensureOpen();
    Checks.require(channels == 1 || channels == 3, "channels", channels, "1 or 3");
    if (info.format() != ImageFormat.JPEG || ImageFormat.sniff(encoded) != ImageFormat.JPEG) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED, "not a JPEG: no SOI marker FF D8 at offset 0");
    }
    MemorySegment source = nativeCopy(encoded);
    return decompress(
        source,
        info.width(),
        info.height(),
        info.components() == 4,
        scale,
        channels,
        target,
        rowStride);
  }

  private PixelBuffer decompress(
      MemorySegment source,
      int width,
      int height,
      boolean cmyk,
      DctScale scale,
      int channels,
      MemorySegment target,
      long rowStride) {
    if (width <= 0 || height <= 0) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.CORRUPT,
          "header size " + width + "×" + height + " (expected: both > 0)");
    }
    options.checkPixels(width, height);
    if (cmyk) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.UNSUPPORTED,
          "CMYK/YCCK JPEG: TurboJPEG cannot convert it to RGB (decode it with ImageIoDecoder)");
    }
    int w = scale.scaled(width);
    int h = scale.scaled(height);
    long rowBytes = (long) w * channels;
    // Per image: the messages are built only when a check fails.
    if (rowStride < rowBytes || rowStride > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          Checks.message(
              "rowStride",
              rowStride,
              "in [" + rowBytes + ", " + Integer.MAX_VALUE + "] for width " + w));
    }
    long needed = (h - 1) * rowStride + rowBytes;
    if (target.byteSize() < needed) {
      throw new IllegalArgumentException(
          Checks.message(
              "target.byteSize",
              target.byteSize(),
              ">= " + needed + " for " + w + "×" + h + "×" + channels));
    }
    MemorySegment destination = target.isNative() ? target : output.get(needed);
    int format = channels == 3 ? TurboJpegLibrary.TJPF_RGB : TurboJpegLibrary.TJPF_GRAY;
    int flags =
        TurboJpegLibrary.TJFLAG_LIMITSCANS
            | (options.strict() ? TurboJpegLibrary.TJFLAG_STOPONWARNING : 0)
            | (options.fastDct() ? TurboJpegLibrary.TJFLAG_FASTDCT : 0);
    int rc;
    try {
      rc =
          (int)
              library.decompress2.invokeExact(
                  handle,
                  source,
                  source.byteSize(),
                  destination,
                  w,
                  (int) rowStride,
                  h,
                  format,
                  flags);
    } catch (Throwable t) {
      throw new IllegalStateException("tjDecompress2 call failed", t);
    }
    if (rc != 0) {
      boolean warning = errorCode() == TurboJpegLibrary.TJERR_WARNING;
      if (!warning) {
        throw new ImageDecodeException(ImageDecodeException.Reason.CORRUPT, errorString());
      }
      if (options.strict()) {
        throw new ImageDecodeException(ImageDecodeException.Reason.WARNING, errorString());
      }
    }
    if (destination != target) {
      MemorySegment.copy(destination, 0, target, 0, needed);
    }
    return new PixelBuffer(target, w, h, channels, rowStride);
  }

  private MemorySegment nativeCopy(MemorySegment encoded) {
    if (encoded.isNative()) {
      return encoded;
    }
    MemorySegment copy = input.get(encoded.byteSize()).asSlice(0, encoded.byteSize());
    copy.copyFrom(encoded);
    return copy;
  }

  private void readHeader(MemorySegment source) {
    int rc;
    try {
      rc =
          (int)
              library.decompressHeader3.invokeExact(
                  handle,
                  source,
                  source.byteSize(),
                  header,
                  headerHeight,
                  headerSubsampling,
                  headerColorspace);
    } catch (Throwable t) {
      throw new IllegalStateException("tjDecompressHeader3 call failed", t);
    }
    if (rc != 0) {
      throw new ImageDecodeException(
          ImageDecodeException.Reason.CORRUPT, "header: " + errorString());
    }
  }

  private int errorCode() {
    try {
      return (int) library.getErrorCode.invokeExact(handle);
    } catch (Throwable t) {
      throw new IllegalStateException("tjGetErrorCode call failed", t);
    }
  }

  @SuppressWarnings("restricted") // the string lives in the handle, bounded by JMSG_LENGTH_MAX
  private String errorString() {
    try {
      MemorySegment text = (MemorySegment) library.getErrorStr2.invokeExact(handle);
      if (text.equals(MemorySegment.NULL)) {
        return "libjpeg-turbo reported an error without a message";
      }
      return "libjpeg-turbo: " + text.reinterpret(TurboJpegLibrary.ERROR_STRING_MAX).getString(0);
    } catch (IndexOutOfBoundsException e) {
      return "libjpeg-turbo reported an error with an unterminated message";
    } catch (Throwable t) {
      throw new IllegalStateException("tjGetErrorStr2 call failed", t);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("TurboJpegDecoder is closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      int unused = (int) library.destroy.invokeExact(handle);
    } catch (Throwable t) {
      throw new IllegalStateException("tjDestroy call failed", t);
    } finally {
      input.close();
      output.close();
      headerBuffer.close();
      if (ownBudget != null) {
        ownBudget.close();
      }
    }
  }
}
