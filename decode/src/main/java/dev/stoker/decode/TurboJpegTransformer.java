package dev.stoker.decode;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * Rewrites a JPEG losslessly with libjpeg-turbo's TurboJPEG transform API, called through {@code
 * java.lang.foreign}: the DCT coefficients are copied as they are and only the entropy coding
 * changes, so every decoder produces the same pixels from the output as from the input.
 *
 * <pre>{@code
 * if (TurboJpegTransformer.isAvailable()) {
 *   byte[] baseline = TurboJpegTransformer.toBaseline(progressiveJpeg);
 * }
 * }</pre>
 *
 * <p>{@link #toBaseline} turns a progressive JPEG into a baseline (sequential) one with the
 * standard Huffman tables, keeping its markers (EXIF, ICC); a progressive file costs libjpeg-turbo
 * a whole-image coefficient buffer on every decode, a baseline one does not. Progressive input is
 * limited to 500 scans ({@code TJFLAG_LIMITSCANS}), as in {@link TurboJpegDecoder}.
 *
 * <p>The C functions are bound once per JVM by {@link TurboJpegLibrary}, the same binding {@link
 * TurboJpegDecoder} uses, so {@code -Dstoker.turbojpeg=off} turns this class off too.
 *
 * <p><b>Threading.</b> Stateless and thread-safe: each call creates and destroys its own TurboJPEG
 * handle and native buffers in a confined arena, all released before it returns.
 */
@SuppressWarnings("restricted") // sizes the output and error string libjpeg-turbo hands back
public final class TurboJpegTransformer {
  /** {@code sizeof(tjtransform)}: tjregion (4 ints), op, options, data, customFilter. */
  private static final long TJTRANSFORM_SIZE = 40;

  private final TurboJpegLibrary library;

  private TurboJpegTransformer(TurboJpegLibrary library) {
    this.library = library;
  }

  /**
   * Tells whether libturbojpeg's transform API could be bound in this JVM.
   *
   * @return true when {@link #toBaseline} works
   */
  public static boolean isAvailable() {
    return TurboJpegLibrary.get().isPresent();
  }

  /**
   * Returns why the transform API is not available.
   *
   * @return the reason, or empty when it is available
   */
  public static Optional<String> unavailableReason() {
    return TurboJpegLibrary.unavailableReason();
  }

  /**
   * Rewrites a JPEG as a baseline JPEG with the same coefficients.
   *
   * @param jpeg the JPEG file's bytes (progressive or not)
   * @return the baseline JPEG
   * @throws ImageDecodeException when libjpeg-turbo cannot read the JPEG ({@link
   *     ImageDecodeException.Reason#CORRUPT})
   * @throws IllegalStateException when libturbojpeg is not available (see {@link
   *     #unavailableReason()})
   */
  public static byte[] toBaseline(byte[] jpeg) {
    TurboJpegLibrary library =
        TurboJpegLibrary.get()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "libturbojpeg is not available: " + unavailableReason().orElse("unknown")));
    return new TurboJpegTransformer(library).baseline(jpeg);
  }

  private byte[] baseline(byte[] jpeg) {
    MemorySegment handle;
    try {
      handle = (MemorySegment) library.initTransform.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException("tjInitTransform call failed", e);
    }
    if (handle.equals(MemorySegment.NULL)) {
      throw new IllegalStateException("tjInitTransform returned NULL (out of memory?)");
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment source = arena.allocate(Math.max(1, jpeg.length));
      MemorySegment.copy(jpeg, 0, source, ValueLayout.JAVA_BYTE, 0, jpeg.length);
      MemorySegment dstBuf = arena.allocate(ADDRESS);
      MemorySegment dstSize = arena.allocate(JAVA_LONG);
      MemorySegment transforms = arena.allocate(TJTRANSFORM_SIZE, 8); // zeroed: TJXOP_NONE
      int rc;
      try {
        rc =
            (int)
                library.transform.invokeExact(
                    handle,
                    source,
                    (long) jpeg.length,
                    1,
                    dstBuf,
                    dstSize,
                    transforms,
                    TurboJpegLibrary.TJFLAG_LIMITSCANS);
      } catch (Throwable e) {
        throw new IllegalStateException("tjTransform call failed", e);
      }
      MemorySegment out = dstBuf.get(ADDRESS, 0);
      try {
        if (rc != 0) {
          throw new ImageDecodeException(
              ImageDecodeException.Reason.CORRUPT, "transform: " + errorString(handle));
        }
        long size = dstSize.get(JAVA_LONG, 0);
        if (size <= 0 || size > Integer.MAX_VALUE - 8) {
          throw new ImageDecodeException(
              ImageDecodeException.Reason.CORRUPT, "transform: output size=" + size);
        }
        return out.reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
      } finally {
        free(out);
      }
    } finally {
      destroy(handle);
    }
  }

  private void free(MemorySegment buffer) {
    if (buffer.equals(MemorySegment.NULL)) {
      return;
    }
    try {
      library.free.invokeExact(buffer);
    } catch (Throwable e) {
      throw new IllegalStateException("tjFree call failed", e);
    }
  }

  private void destroy(MemorySegment handle) {
    try {
      int unused = (int) library.destroy.invokeExact(handle);
    } catch (Throwable e) {
      throw new IllegalStateException("tjDestroy call failed", e);
    }
  }

  private String errorString(MemorySegment handle) {
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
}
