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
 * The one binding of libjpeg-turbo's TurboJPEG 2.x API ({@code libturbojpeg.so.0}) in this JVM: the
 * only place that loads the library and looks up its symbols, for {@link TurboJpegDecoder}
 * (decompression) and {@link TurboJpegTransformer} (lossless transforms). It is bound once per JVM
 * on first use. If the library or a symbol is missing, or the system property {@value #SETTING} is
 * {@code off}, {@link #get()} is empty and {@link #unavailableReason()} says why.
 *
 * <h2>Turning it off</h2>
 *
 * {@code -Dstoker.turbojpeg=off} makes this JVM behave as if the library were not installed, so the
 * fallback decoders can be run and tested on a machine that has it; {@code auto} (the default) uses
 * it when it loads. Any other value is an error, raised by {@link #get()}.
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
 * tjhandle tjInitTransform(void);
 * int tjTransform(tjhandle, const unsigned char *jpegBuf, unsigned long jpegSize, int n,
 *                 unsigned char **dstBufs, unsigned long *dstSizes, tjtransform *transforms,
 *                 int flags);
 * void tjFree(unsigned char *buffer);
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

  /** The system property that turns the library off for one run: {@code auto} or {@code off}. */
  static final String SETTING = "stoker.turbojpeg";

  /** The file name the library is looked up by first; tests and messages name it. */
  static final String LIBRARY = "libturbojpeg.so.0";

  private static final String[] NAMES = {LIBRARY, "libturbojpeg.so"};

  final MethodHandle initDecompress;
  final MethodHandle decompressHeader3;
  final MethodHandle decompress2;
  final MethodHandle getErrorStr2;
  final MethodHandle getErrorCode;
  final MethodHandle destroy;
  final MethodHandle initTransform;
  final MethodHandle transform;
  final MethodHandle free;

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
    initTransform =
        linker.downcallHandle(find(lookup, "tjInitTransform"), FunctionDescriptor.of(ADDRESS));
    transform =
        linker.downcallHandle(
            find(lookup, "tjTransform"),
            FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                JAVA_INT));
    free = linker.downcallHandle(find(lookup, "tjFree"), FunctionDescriptor.ofVoid(ADDRESS));
  }

  private static MemorySegment find(SymbolLookup lookup, String name) {
    return lookup
        .find(name)
        .orElseThrow(
            () -> new IllegalStateException("symbol " + name + " not found in libturbojpeg"));
  }

  /**
   * The outcome of binding: the library, or why there is none.
   *
   * @param library the bound library, or null
   * @param reason why there is none, or null when there is one
   * @param turnedOff true when {@value #SETTING} turned it off, rather than it failing to load
   * @param settingError the message for an invalid {@value #SETTING} value, or null
   */
  record Binding(
      @Nullable TurboJpegLibrary library,
      @Nullable String reason,
      boolean turnedOff,
      @Nullable String settingError) {
    static Binding bound(TurboJpegLibrary library) {
      return new Binding(library, null, false, null);
    }

    static Binding missing(String reason) {
      return new Binding(null, reason, false, null);
    }
  }

  /**
   * Binds as the {@value #SETTING} value says.
   *
   * @param setting the property's value: null or {@code auto} to load the library, {@code off} to
   *     leave it unloaded
   * @param names file names to try, as for {@link #bind(String...)}
   * @return the binding; for an invalid setting, one with {@link Binding#settingError()} set
   */
  static Binding bindWithSetting(@Nullable String setting, String... names) {
    String value = setting == null ? "auto" : setting.strip();
    return switch (value) {
      case "auto" -> bind(names);
      case "off" ->
          new Binding(null, LIBRARY + " is turned off by -D" + SETTING + "=off", true, null);
      default ->
          new Binding(null, null, false, SETTING + "=" + setting + " (expected: auto or off)");
    };
  }

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
        return Binding.bound(
            new TurboJpegLibrary(SymbolLookup.libraryLookup(name, Arena.global())));
      } catch (RuntimeException e) {
        reason
            .append(reason.isEmpty() ? "" : "; ")
            .append(name)
            .append(": ")
            .append(e.getMessage());
      }
    }
    return Binding.missing(reason.toString());
  }

  /** Binds the library once; the holder idiom makes the first use pay, and only once. */
  private static final class Holder {
    static final Binding BINDING = bindWithSetting(System.getProperty(SETTING), NAMES);

    static {
      if (BINDING.library() == null && BINDING.settingError() == null) {
        System.getLogger(TurboJpegDecoder.class.getName())
            .log(
                System.Logger.Level.INFO,
                "libjpeg-turbo (TurboJPEG) is not available, JPEGs decode through ImageIO: "
                    + BINDING.reason());
      }
    }
  }

  /**
   * Returns this JVM's binding.
   *
   * @return the binding, whether or not it holds the library
   * @throws IllegalArgumentException when {@value #SETTING} has a value other than auto or off
   */
  static Binding binding() {
    Binding binding = Holder.BINDING;
    if (binding.settingError() != null) {
      throw new IllegalArgumentException(binding.settingError());
    }
    return binding;
  }

  static Optional<TurboJpegLibrary> get() {
    return Optional.ofNullable(binding().library());
  }

  static Optional<String> unavailableReason() {
    return Optional.ofNullable(binding().reason());
  }
}
