package dev.stoker.decode.resize;

import dev.stoker.core.Checks;
import dev.stoker.core.ElementType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The one-pass image kernel: reads an 8-bit RGB or gray {@link PixelBuffer}, and writes one output
 * image into a {@link SampleTarget}, cropping, resampling, flipping, colour-transforming,
 * normalising and casting on the way, as a {@link ResizeSpec} says.
 *
 * <pre>{@code
 * Resizer resizer = new Resizer();              // one per worker thread
 * BatchLayout layout = new BatchLayout(64, 224, 224, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
 * ResizeSpec spec = ResizeSpec.builder().window(crop).normalize(1f / 255, 0f).build();
 * resizer.resize(decoded, spec, SampleTarget.of(slab, layout, sampleIndex));
 * }</pre>
 *
 * <h2>How it works</h2>
 *
 * The sampling positions and weights of every output column and row are computed first, into small
 * tables. Then the output is produced row by row: for {@link ResizeFilter#BILINEAR} and {@link
 * ResizeFilter#NEAREST} the two source rows an output row needs are resampled horizontally at the
 * output columns only (and kept, since the next output row usually needs one of them), then blended
 * vertically; {@link ResizeFilter#TRIANGLE} sums its source rows with their weights, then filters
 * horizontally. Each finished row goes through the colour transform, the normalisation and the
 * cast, and is written at the target's strides: a bulk copy when a row of the target is dense
 * (NHWC, or one plane row of NCHW). No full-size intermediate image exists at any point; the
 * largest scratch array is one source row.
 *
 * <p>A gray source written to an RGB target has its value copied to the three channels before the
 * colour transform. An RGB source cannot be written to a gray target, and a gray target takes no
 * colour transform.
 *
 * <p>The horizontal pass of bilinear and nearest runs on the Vector API where the JVM was started
 * with {@code --add-modules jdk.incubator.vector} (the {@code bin/} launchers pass it) and the CPU
 * has vectors of 256 bits or more; elsewhere the same arithmetic runs in plain Java. Both give
 * bit-identical output; {@link #vectorised()} says which one a resizer uses. Until the JIT has
 * compiled the vector kernel, images go through the plain one while the vector kernel is warmed up
 * on a short row (a few milliseconds per image, on one thread of the JVM at a time): run cold, it
 * would cost about 0.8 s of CPU and hundreds of MiB of garbage before it pays off (see {@code
 * VectorWarmup}).
 *
 * <p><b>Threading and allocation.</b> Not thread-safe: a resizer holds the scratch tables and rows
 * of the image in progress. Give each worker thread its own. Scratch arrays grow to the largest
 * image seen and are then reused, so a steady stream of images of bounded size allocates nothing. A
 * resizer holds no native memory and needs no closing.
 */
public final class Resizer {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final ColumnSampler best;
  private final ColumnSampler scalar;
  private final boolean warmUp;
  private ColumnSampler sampler; // the kernel of the image in progress
  private final AxisTable columns = new AxisTable();
  private final AxisTable rows = new AxisTable();
  private byte[] sourceRow = new byte[0];
  private float[] rowA = new float[0];
  private float[] rowB = new float[0];
  private int tagA;
  private int tagB;
  private float[] values = new float[0];
  private float[] sums = new float[0];
  private float[] outFloats = new float[0];
  private byte[] outBytes = new byte[0];
  private byte[] planeBytes = new byte[0];
  private float[] scaleRow = new float[0];
  private float[] offsetRow = new float[0];

  /** Creates a resizer with empty scratch space and the fastest kernel this JVM can run. */
  public Resizer() {
    this(ColumnSampler.best(), true);
  }

  private Resizer(ColumnSampler best, boolean warmUp) {
    this.best = best;
    this.scalar = best.vectorised() ? new ScalarColumnSampler() : best;
    this.warmUp = warmUp && best.vectorised();
    this.sampler = best;
  }

  /**
   * Creates a resizer that never uses the Vector API: the portable kernel, for comparisons. Its
   * output is bit-identical to that of {@link #Resizer()}.
   *
   * @return a new resizer with empty scratch space
   */
  public static Resizer scalar() {
    return new Resizer(new ScalarColumnSampler(), false);
  }

  /**
   * Creates a resizer that uses its best kernel from the first image on, warmed up or not: for
   * tests that compare the kernels.
   *
   * @return a new resizer with empty scratch space
   */
  static Resizer unwarmed() {
    return new Resizer(ColumnSampler.best(), false);
  }

  /**
   * Returns whether this resizer's horizontal pass runs on the Vector API, once the JIT has
   * compiled it (until then, images go through the plain kernel).
   *
   * @return {@code true} where {@code jdk.incubator.vector} is present and the CPU has vectors of
   *     256 bits or more
   */
  public boolean vectorised() {
    return best.vectorised();
  }

  /**
   * Writes one output image.
   *
   * @param source the decoded pixels
   * @param spec what to do to them
   * @param target where the output goes, and its size, channels and element type
   * @throws IllegalArgumentException when an RGB source meets a gray target, or a gray target a
   *     colour transform
   */
  public void resize(PixelBuffer source, ResizeSpec spec, SampleTarget target) {
    int inChannels = source.channels();
    int outChannels = target.channels();
    if (inChannels > outChannels) { // per sample: build the message only on failure
      throw new IllegalArgumentException(
          Checks.message(
              "target.channels",
              outChannels,
              ">= source channels " + inChannels + " (an RGB source needs an RGB target)"));
    }
    Checks.require(
        outChannels == 3 || spec.color().isIdentity(),
        "color",
        spec.color(),
        "the identity for a gray target");
    int outW = target.width();
    int outH = target.height();
    SourceWindow window = spec.windowFor(source.width(), source.height());
    ResizeFilter filter = spec.filter();
    sampler = !warmUp || VectorWarmup.ready() ? best : scalar;
    switch (filter) {
      case BILINEAR -> {
        columns.bilinear(
            outW, source.width(), window.x(), window.width(), spec.flipHorizontal(), inChannels);
        rows.bilinear(outH, source.height(), window.y(), window.height(), spec.flipVertical(), 1);
        sampler.prepare(columns, inChannels);
      }
      case NEAREST -> {
        columns.nearest(
            outW, source.width(), window.x(), window.width(), spec.flipHorizontal(), inChannels);
        rows.nearest(outH, source.height(), window.y(), window.height(), spec.flipVertical(), 1);
        sampler.prepare(columns, inChannels);
      }
      case TRIANGLE -> {
        columns.triangle(
            outW, source.width(), window.x(), window.width(), spec.flipHorizontal(), inChannels);
        rows.triangle(outH, source.height(), window.y(), window.height(), spec.flipVertical(), 1);
      }
    }
    int rowValues = outW * inChannels;
    int outValues = outW * outChannels;
    // Slack: the bilinear kernel reads past lo + channels even where its weight is zero, and the
    // vector kernel reads whole windows.
    int slack = sampler.rowSlack();
    if (sourceRow.length < columns.spanLength + slack) {
      sourceRow = new byte[columns.spanLength + slack];
      sums = new float[columns.spanLength + slack];
    }
    if (rowA.length < rowValues) {
      rowA = new float[rowValues];
      rowB = new float[rowValues];
      values = new float[rowValues];
    }
    if (outFloats.length < outValues) {
      outFloats = new float[outValues];
      outBytes = new byte[outValues];
      scaleRow = new float[outValues];
      offsetRow = new float[outValues];
    }
    if (planeBytes.length < outW) {
      planeBytes = new byte[outW];
    }
    boolean normalize = false;
    for (int c = 0; c < outChannels; c++) {
      normalize |= spec.scale(c) != 1 || spec.offset(c) != 0;
    }
    if (normalize) {
      for (int i = 0; i < outValues; i++) {
        scaleRow[i] = spec.scale(i % outChannels);
        offsetRow[i] = spec.offset(i % outChannels);
      }
    }
    boolean fused =
        filter != ResizeFilter.TRIANGLE && inChannels == outChannels && spec.color().isIdentity();
    tagA = -1;
    tagB = -1;
    for (int y = 0; y < outH; y++) {
      if (filter == ResizeFilter.TRIANGLE) {
        finish(triangleRow(source, y, outW), spec, inChannels, target, y, normalize);
      } else if (fused) {
        fusedRow(source, y, outValues, normalize, target);
      } else {
        finish(bilinearRow(source, y, rowValues), spec, inChannels, target, y, normalize);
      }
    }
  }

  /**
   * Makes {@link #rowA} the source row {@code lo} of output row {@code y} resampled at the output
   * columns and, when the row blends two source rows, {@link #rowB} the row {@code hi}.
   *
   * @return whether the output row needs the vertical blend
   */
  private boolean prepareRows(PixelBuffer source, int y) {
    int lo = rows.spanStart + rows.lo[y];
    int hi = rows.spanStart + rows.hi[y];
    boolean blend = rows.lerp[y] != 0;
    if (tagA != lo) {
      if (tagB == lo) {
        float[] t = rowA;
        rowA = rowB;
        rowB = t;
        tagB = tagA;
      } else {
        sampleColumns(source, lo, rowA);
      }
      tagA = lo;
    }
    if (!blend) {
      return false;
    }
    if (tagB != hi) {
      sampleColumns(source, hi, rowB);
      tagB = hi;
    }
    return true;
  }

  private float[] bilinearRow(PixelBuffer source, int y, int rowValues) {
    if (!prepareRows(source, y)) {
      return rowA;
    }
    float lerp = rows.lerp[y];
    float[] top = rowA;
    float[] bottom = rowB;
    float[] out = values;
    for (int i = 0; i < rowValues; i++) {
      float t = top[i];
      out[i] = t + (bottom[i] - t) * lerp;
    }
    return out;
  }

  /**
   * The hot path: no colour transform, as many channels in as out. The vertical blend, the
   * normalisation and the cast happen in one loop over the row, which the JIT vectorises.
   */
  private void fusedRow(PixelBuffer source, int y, int n, boolean normalize, SampleTarget target) {
    boolean blend = prepareRows(source, y);
    float lerp = rows.lerp[y];
    float[] top = rowA;
    float[] bottom = rowB;
    float[] scale = scaleRow;
    float[] offset = offsetRow;
    if (target.elementType() == ElementType.FLOAT32) {
      float[] out = outFloats;
      if (blend && normalize) {
        for (int i = 0; i < n; i++) {
          float t = top[i];
          out[i] = (t + (bottom[i] - t) * lerp) * scale[i] + offset[i];
        }
      } else if (blend) {
        for (int i = 0; i < n; i++) {
          float t = top[i];
          out[i] = t + (bottom[i] - t) * lerp;
        }
      } else if (normalize) {
        for (int i = 0; i < n; i++) {
          out[i] = top[i] * scale[i] + offset[i];
        }
      } else {
        out = top;
      }
      storeFloats(out, target, y);
    } else {
      byte[] out = outBytes;
      if (blend && normalize) {
        for (int i = 0; i < n; i++) {
          float t = top[i];
          out[i] = toByte((t + (bottom[i] - t) * lerp) * scale[i] + offset[i]);
        }
      } else if (blend) {
        for (int i = 0; i < n; i++) {
          float t = top[i];
          out[i] = toByte(t + (bottom[i] - t) * lerp);
        }
      } else if (normalize) {
        for (int i = 0; i < n; i++) {
          out[i] = toByte(top[i] * scale[i] + offset[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          out[i] = toByte(top[i]);
        }
      }
      storeBytes(out, target, y);
    }
  }

  /**
   * Rounds half up and saturates to 0..255; NaN becomes 0. Clamping in float before the cast lets
   * the JIT vectorise the loops that call this (an int clamp before the narrowing does not).
   */
  private static byte toByte(float v) {
    return (byte) (int) Math.min(Math.max(v + 0.5f, 0f), 255f);
  }

  /**
   * Copies source row {@code r} and resamples it at the output columns (see {@link ColumnSampler}).
   */
  private void sampleColumns(PixelBuffer source, int r, float[] dst) {
    MemorySegment.copy(
        source.segment(),
        ValueLayout.JAVA_BYTE,
        r * source.rowStride() + columns.spanStart,
        sourceRow,
        0,
        columns.spanLength);
    sampler.sample(sourceRow, columns, source.channels(), dst);
  }

  private float[] triangleRow(PixelBuffer source, int y, int outW) {
    int span = columns.spanLength;
    float[] acc = sums;
    Arrays.fill(acc, 0, span, 0f);
    int first = rows.spanStart + rows.start[y];
    int taps = rows.count[y];
    int wBase = y * rows.taps;
    byte[] s = sourceRow;
    for (int k = 0; k < taps; k++) {
      float w = rows.weights[wBase + k];
      MemorySegment.copy(
          source.segment(),
          ValueLayout.JAVA_BYTE,
          (first + k) * source.rowStride() + columns.spanStart,
          s,
          0,
          span);
      for (int i = 0; i < span; i++) {
        acc[i] += w * (s[i] & 0xff);
      }
    }
    int ch = source.channels();
    float[] out = values;
    int colTaps = columns.taps;
    for (int x = 0; x < outW; x++) {
      int st = columns.start[x];
      int cnt = columns.count[x];
      int wb = x * colTaps;
      for (int c = 0; c < ch; c++) {
        float v = 0;
        for (int k = 0; k < cnt; k++) {
          v += columns.weights[wb + k] * acc[st + k * ch + c];
        }
        out[x * ch + c] = v;
      }
    }
    return out;
  }

  /** Gray expansion, colour, normalisation, cast and store of one output row. */
  private void finish(
      float[] row, ResizeSpec spec, int inChannels, SampleTarget target, int y, boolean normalize) {
    int outW = target.width();
    int ch = target.channels();
    int n = outW * ch;
    float[] out = outFloats;
    ColorTransform color = spec.color();
    if (ch == 3 && (inChannels == 1 || !color.isIdentity())) {
      boolean gray = inChannels == 1;
      boolean identity = color.isIdentity();
      float m0 = color.m(0), m1 = color.m(1), m2 = color.m(2);
      float m3 = color.m(3), m4 = color.m(4), m5 = color.m(5);
      float m6 = color.m(6), m7 = color.m(7), m8 = color.m(8);
      float b0 = color.b(0), b1 = color.b(1), b2 = color.b(2);
      for (int x = 0; x < outW; x++) {
        float r;
        float g;
        float b;
        if (gray) {
          r = row[x];
          g = r;
          b = r;
        } else {
          r = row[3 * x];
          g = row[3 * x + 1];
          b = row[3 * x + 2];
        }
        if (!identity) {
          float nr = m0 * r + m1 * g + m2 * b + b0;
          float ng = m3 * r + m4 * g + m5 * b + b1;
          float nb = m6 * r + m7 * g + m8 * b + b2;
          r = clampPixel(nr);
          g = clampPixel(ng);
          b = clampPixel(nb);
        }
        out[3 * x] = r;
        out[3 * x + 1] = g;
        out[3 * x + 2] = b;
      }
    } else {
      System.arraycopy(row, 0, out, 0, n);
    }
    if (normalize) {
      float[] scale = scaleRow;
      float[] offset = offsetRow;
      for (int i = 0; i < n; i++) {
        out[i] = out[i] * scale[i] + offset[i];
      }
    }
    if (target.elementType() == ElementType.FLOAT32) {
      storeFloats(out, target, y);
    } else {
      byte[] bytes = outBytes;
      for (int i = 0; i < n; i++) {
        bytes[i] = toByte(out[i]);
      }
      storeBytes(bytes, target, y);
    }
  }

  private void storeFloats(float[] out, SampleTarget target, int y) {
    MemorySegment seg = target.segment();
    int ch = target.channels();
    int outW = target.width();
    long rowBase = target.offset() + y * target.rowStride();
    long ps = target.pixelStride();
    long cs = target.channelStride();
    if (ps == 4L * ch && (cs == 4 || ch == 1)) {
      MemorySegment.copy(out, 0, seg, FLOAT_LE, rowBase, outW * ch);
    } else if (ps == 4) {
      float[] plane = values; // at least outW long, and never the row being stored
      for (int c = 0; c < ch; c++) {
        for (int x = 0; x < outW; x++) {
          plane[x] = out[x * ch + c];
        }
        MemorySegment.copy(plane, 0, seg, FLOAT_LE, rowBase + c * cs, outW);
      }
    } else {
      for (int x = 0; x < outW; x++) {
        for (int c = 0; c < ch; c++) {
          seg.set(FLOAT_LE, rowBase + x * ps + c * cs, out[x * ch + c]);
        }
      }
    }
  }

  private void storeBytes(byte[] bytes, SampleTarget target, int y) {
    MemorySegment seg = target.segment();
    int ch = target.channels();
    int outW = target.width();
    long rowBase = target.offset() + y * target.rowStride();
    long ps = target.pixelStride();
    long cs = target.channelStride();
    if (ps == ch && (cs == 1 || ch == 1)) {
      MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, rowBase, outW * ch);
    } else if (ps == 1) {
      byte[] plane = planeBytes;
      for (int c = 0; c < ch; c++) {
        for (int x = 0; x < outW; x++) {
          plane[x] = bytes[x * ch + c];
        }
        MemorySegment.copy(plane, 0, seg, ValueLayout.JAVA_BYTE, rowBase + c * cs, outW);
      }
    } else {
      for (int x = 0; x < outW; x++) {
        for (int c = 0; c < ch; c++) {
          seg.set(ValueLayout.JAVA_BYTE, rowBase + x * ps + c * cs, bytes[x * ch + c]);
        }
      }
    }
  }

  private static float clampPixel(float v) {
    return v < 0 ? 0 : Math.min(v, 255f);
  }
}
