package dev.stoker.decode;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The downcall handles into libjpeg-turbo's TurboJPEG 2.x API ({@code libturbojpeg.so.0}), bound
 * once per JVM on first use. If the library or a symbol is missing, {@link #get()} is empty and
 * {@link #unavailableReason()} says why.
 *
 * <pre>
 * tjhandle tjInitDecompress(void);
 * int tjDecompressHeader3(tjhandle, const unsigned char *jpegBuf, unsigned long jpegSize,
 *                         int *width, int *height, int *jpegSubsamp, int *jpegColorspace);
 * int tjDecompress2(tjhandle, const unsigned char *jpegBuf, unsigned long jpegSize,
 *                   unsigned char *dstBuf, int width, int pitch, int height,
 *                   int pixelFormat, int flags);
 * char *tjGetErrorStr2(tjhandle);
 * int tjGetErrorCode(tjhandle);
 * int tjDestroy(tjhandle);
 * </pre>
 */
@SuppressWarnings("restricted") // binding a native library is what this class is for
final class TurboJpegLibrary {
  static final int TJPF_RGB = 0;
  static final int TJPF_GRAY = 6;
  static final int TJFLAG_FASTDCT = 2048;
  static final int TJFLAG_STOPONWARNING = 8192;
  static final int TJFLAG_LIMITSCANS = 32768;
  static final int TJERR_WARNING = 0;
  static final int TJCS_CMYK = 3;
  static final int TJCS_YCCK = 4;

  /** libjpeg's JMSG_LENGTH_MAX: TurboJPEG's error strings fit in this many bytes. */
  static final int ERROR_STRING_MAX = 200;

  private static final String[] NAMES = {"libturbojpeg.so.0", "libturbojpeg.so"};

  final MethodHandle initDecompress;
  final MethodHandle decompressHeader3;
  final MethodHandle decompress2;
  final MethodHandle getErrorStr2;
  final MethodHandle getErrorCode;
  final MethodHandle destroy;

  private TurboJpegLibrary(SymbolLookup lookup) {
    Linker linker = Linker.nativeLinker();
    // Header reads and error queries take microseconds: critical calls skip the thread-state
    // transition. Decompression takes milliseconds and stays an ordinary call, so GC can proceed.
    Linker.Option critical = Linker.Option.critical(false);
    initDecompress =
        linker.downcallHandle(find(lookup, "tjInitDecompress"), FunctionDescriptor.of(ADDRESS));
    decompressHeader3 =
        linker.downcallHandle(
            find(lookup, "tjDecompressHeader3"),
            FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
            critical);
    decompress2 =
        linker.downcallHandle(
            find(lookup, "tjDecompress2"),
            FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT));
    getErrorStr2 =
        linker.downcallHandle(
            find(lookup, "tjGetErrorStr2"), FunctionDescriptor.of(ADDRESS, ADDRESS), critical);
    getErrorCode =
        linker.downcallHandle(
            find(lookup, "tjGetErrorCode"), FunctionDescriptor.of(JAVA_INT, ADDRESS), critical);
    destroy =
        linker.downcallHandle(find(lookup, "tjDestroy"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
  }

  private static MemorySegment find(SymbolLookup lookup, String name) {
    return lookup
        .find(name)
        .orElseThrow(
            () -> new IllegalStateException("symbol " + name + " not found in libturbojpeg"));
  }

  /** The outcome of binding: the library, or why there is none. */
  record Binding(@Nullable TurboJpegLibrary library, @Nullable String reason) {}

  /**
   * Tries each library name in turn.
   *
   * @param names file names for {@link SymbolLookup#libraryLookup(String, Arena)}
   * @return the first library that loads with every symbol, or the reasons each name failed
   */
  static Binding bind(String... names) {
    StringBuilder reason = new StringBuilder();
    for (String name : names) {
      try {
        return new Binding(
            new TurboJpegLibrary(SymbolLookup.libraryLookup(name, Arena.global())), null);
      } catch (RuntimeException e) {
        reason
            .append(reason.isEmpty() ? "" : "; ")
            .append(name)
            .append(": ")
            .append(e.getMessage());
      }
    }
    return new Binding(null, reason.toString());
  }

  /** Binds the library once; the holder idiom makes the first use pay, and only once. */
  private static final class Holder {
    static final Binding BINDING = bind(NAMES);

    static {
      if (BINDING.library() == null) {
        System.getLogger(TurboJpegDecoder.class.getName())
            .log(
                System.Logger.Level.INFO,
                "libjpeg-turbo (TurboJPEG) is not available, JPEGs decode through ImageIO: "
                    + BINDING.reason());
      }
    }
  }

  static Optional<TurboJpegLibrary> get() {
    return Optional.ofNullable(Holder.BINDING.library());
  }

  static Optional<String> unavailableReason() {
    return Optional.ofNullable(Holder.BINDING.reason());
  }
}
