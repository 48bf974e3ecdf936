package dev.stoker.decode.resize;

/**
 * The precomputed sampling of one axis: for each output index, which source indices it reads and
 * with what weights. Built once per image and axis, in arrays that grow and are then reused, so a
 * steady stream of images allocates nothing.
 *
 * <p>Bilinear and nearest use {@link #lo}, {@link #hi} and {@link #lerp}: the value is {@code s[lo]
 * + (s[hi] - s[lo]) · lerp}. The triangle filter uses {@link #start}, {@link #count} and {@link
 * #weights}: {@code Σk weights[i·taps + k] · s[start + k·unit]}. Indices are multiplied by {@code
 * unit} (the channel count for columns) and made relative to {@link #spanStart}, the first source
 * element read, so that a caller can copy just {@code [spanStart, spanStart + spanLength)}.
 */
final class AxisTable {
  int size;
  int taps;
  int spanStart;
  int spanLength;
  int[] lo = new int[0];
  int[] hi = new int[0];
  float[] lerp = new float[0];
  int[] start = new int[0];
  int[] count = new int[0];
  float[] weights = new float[0];

  private void ensure(int n) {
    size = n;
    if (lo.length < n) {
      lo = new int[n];
      hi = new int[n];
      lerp = new float[n];
      start = new int[n];
      count = new int[n];
    }
  }

  /**
   * Bilinear sampling with half-pixel centres. Over the whole axis the coordinate is computed in
   * float32 exactly as TensorFlow's {@code HalfPixelScaler} does; a window uses double precision.
   */
  void bilinear(int outN, int srcN, double winStart, double winLength, boolean flip, int unit) {
    ensure(outN);
    boolean whole = winStart == 0 && winLength == srcN;
    float floatScale = (float) srcN / outN;
    double scale = winLength / outN;
    int last = srcN - 1;
    for (int i = 0; i < outN; i++) {
      int o = flip ? outN - 1 - i : i;
      float in =
          whole ? (o + 0.5f) * floatScale - 0.5f : (float) (winStart + (o + 0.5) * scale - 0.5);
      float floor = (float) Math.floor(in);
      int l = clamp((int) floor, last);
      int h = clamp((int) Math.ceil(in), last);
      lo[i] = l * unit;
      hi[i] = h * unit;
      // Where both neighbours are the same pixel TensorFlow computes s + (s - s) · lerp = s; a zero
      // weight gives the same float, and lets the kernel read lo + unit as the upper neighbour
      // without looking hi up.
      lerp[i] = h == l ? 0f : in - floor;
    }
    relativise(outN, unit);
  }

  /** Nearest sampling: the source cell that contains the sample point. */
  void nearest(int outN, int srcN, double winStart, double winLength, boolean flip, int unit) {
    ensure(outN);
    double scale = winLength / outN;
    int last = srcN - 1;
    for (int i = 0; i < outN; i++) {
      int o = flip ? outN - 1 - i : i;
      int index = clamp((int) Math.floor(winStart + (o + 0.5) * scale), last) * unit;
      lo[i] = index;
      hi[i] = index;
      lerp[i] = 0;
    }
    relativise(outN, unit);
  }

  /** The antialiased triangle filter of {@code tf.image.resize(antialias=True)}. */
  void triangle(int outN, int srcN, double winStart, double winLength, boolean flip, int unit) {
    ensure(outN);
    double inverse = winLength / outN;
    double kernelScale = Math.max(inverse, 1.0);
    taps = (int) Math.ceil(2 * kernelScale) + 2;
    if (weights.length < outN * taps) {
      weights = new float[outN * taps];
    }
    int last = srcN - 1;
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < outN; i++) {
      int o = flip ? outN - 1 - i : i;
      double centre = winStart + (o + 0.5) * inverse;
      int first = Math.max((int) Math.ceil(centre - kernelScale - 0.5), 0);
      int end = Math.min((int) Math.floor(centre + kernelScale - 0.5), last);
      int base = i * taps;
      double sum = 0;
      for (int j = first; j <= end; j++) {
        double w = Math.max(0.0, 1.0 - Math.abs(j + 0.5 - centre) / kernelScale);
        weights[base + j - first] = (float) w;
        sum += w;
      }
      if (sum <= 0) {
        first = clamp((int) Math.floor(centre), last);
        end = first;
        weights[base] = 1;
      } else {
        for (int j = first; j <= end; j++) {
          weights[base + j - first] = (float) (weights[base + j - first] / sum);
        }
      }
      start[i] = first * unit;
      count[i] = end - first + 1;
      min = Math.min(min, first);
      max = Math.max(max, end);
    }
    spanStart = min * unit;
    spanLength = (max - min + 1) * unit;
    for (int i = 0; i < outN; i++) {
      start[i] -= spanStart;
    }
  }

  private void relativise(int outN, int unit) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < outN; i++) {
      min = Math.min(min, lo[i]);
      max = Math.max(max, hi[i]);
    }
    spanStart = min;
    spanLength = max - min + unit;
    for (int i = 0; i < outN; i++) {
      lo[i] -= min;
      hi[i] -= min;
    }
  }

  private static int clamp(int index, int last) {
    return index < 0 ? 0 : Math.min(index, last);
  }
}
