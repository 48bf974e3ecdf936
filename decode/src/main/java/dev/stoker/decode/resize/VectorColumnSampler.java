package dev.stoker.decode.resize;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link ColumnSampler} on the Vector API: a block of output values per step, where the scalar
 * variant does one pixel.
 *
 * <h2>How it works</h2>
 *
 * Output value {@code o} (pixel {@code x}, channel {@code c}) reads the source bytes at {@code
 * index[o] = lo[x] + c} and {@code index[o] + channels}. Gathering those one by one is what costs
 * the scalar variant its time, and hardware gathers are slow on many CPUs. But when the image is
 * downscaled by less than about 3.5×, the bytes a block of {@code L} output values reads (L = 16
 * with 512-bit vectors) all lie in one window of {@code 4·L} source bytes: one vector load. So, per
 * image, {@link #prepare} records for each block the window's start and two byte tables that pick
 * the lower and upper neighbour of every value out of the window; per row, each block is
 *
 * <pre>
 *   window = load 4·L bytes at base[b]
 *   lower  = pickLo[b].selectFrom(window)   upper = pickHi[b].selectFrom(window)
 *   lower, upper: zero-extend L bytes to int, convert to float
 *   out    = lower + (upper - lower) · weight
 * </pre>
 *
 * The arithmetic is the scalar variant's, lane by lane, in the same order and without fused
 * multiply-add, so the output is bit-identical. A block whose bytes do not fit one window (a larger
 * downscale) and the values after the last full block are computed one at a time.
 *
 * <p>Loaded by name from {@link ColumnSampler#best()} only, so that the rest of the library never
 * links against {@code jdk.incubator.vector}.
 */
final class VectorColumnSampler implements ColumnSampler {
  // The species must be static finals: the JIT compiles Vector API calls into vector instructions
  // only where it sees the species as a constant, and runs them 30× slower than scalar code
  // elsewhere. Vectors wider than 512 bits are used as 512, so that a window index fits a byte.
  private static final VectorShape SHAPE =
      VectorShape.preferredShape().vectorBitSize() > 512
          ? VectorShape.S_512_BIT
          : VectorShape.preferredShape();
  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED.withShape(SHAPE);
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);
  private static final int WINDOW = BYTES.length();
  private static final int LANES = FLOATS.length();

  private int blocks;
  private int values;
  private int[] base = new int[0];
  private byte[] pickLo = new byte[0];
  private byte[] pickHi = new byte[0];
  private int[] index = new int[0];
  private float[] weight = new float[0];

  private VectorColumnSampler() {}

  /**
   * Returns a vector sampler where the CPU's preferred vectors are at least 256 bits wide, or
   * {@code null} where they are narrower and the scalar variant is as fast.
   *
   * @return a new sampler, or {@code null}
   */
  public static ColumnSampler createIfSupported() {
    return SHAPE.vectorBitSize() < 256 ? null : new VectorColumnSampler();
  }

  @Override
  public void prepare(AxisTable columns, int channels) {
    values = columns.size * channels;
    blocks = values / LANES;
    if (index.length < values) {
      index = new int[values];
      weight = new float[values];
    }
    if (base.length < blocks) {
      base = new int[blocks];
      pickLo = new byte[blocks * WINDOW];
      pickHi = new byte[blocks * WINDOW];
    }
    for (int x = 0, o = 0; x < columns.size; x++) {
      for (int c = 0; c < channels; c++, o++) {
        index[o] = columns.lo[x] + c;
        weight[o] = columns.lerp[x];
      }
    }
    for (int b = 0; b < blocks; b++) {
      int first = b * LANES;
      int min = Integer.MAX_VALUE;
      int max = Integer.MIN_VALUE;
      for (int o = first; o < first + LANES; o++) {
        min = Math.min(min, index[o]);
        max = Math.max(max, index[o] + channels);
      }
      if (max - min >= WINDOW) {
        base[b] = -1;
        continue;
      }
      base[b] = min;
      for (int k = 0; k < LANES; k++) {
        pickLo[b * WINDOW + k] = (byte) (index[first + k] - min);
        pickHi[b * WINDOW + k] = (byte) (index[first + k] + channels - min);
      }
    }
  }

  @Override
  public void sample(byte[] row, AxisTable columns, int channels, float[] dst) {
    for (int b = 0; b < blocks; b++) {
      int o = b * LANES;
      int at = base[b];
      if (at < 0) {
        scalar(row, channels, dst, o, o + LANES);
        continue;
      }
      ByteVector source = ByteVector.fromArray(BYTES, row, at);
      ByteVector lower = ByteVector.fromArray(BYTES, pickLo, b * WINDOW).selectFrom(source);
      ByteVector upper = ByteVector.fromArray(BYTES, pickHi, b * WINDOW).selectFrom(source);
      FloatVector l = toFloats(lower);
      FloatVector u = toFloats(upper);
      l.add(u.sub(l).mul(FloatVector.fromArray(FLOATS, weight, o))).intoArray(dst, o);
    }
    scalar(row, channels, dst, blocks * LANES, values);
  }

  /** The first {@code LANES} bytes of {@code v}, read as unsigned, as floats. */
  private FloatVector toFloats(ByteVector v) {
    return (FloatVector)
        v.convertShape(VectorOperators.ZERO_EXTEND_B2I, INTS, 0)
            .convertShape(VectorOperators.I2F, FLOATS, 0);
  }

  private void scalar(byte[] row, int channels, float[] dst, int from, int to) {
    for (int o = from; o < to; o++) {
      int a = index[o];
      float t = row[a] & 0xff;
      dst[o] = t + ((row[a + channels] & 0xff) - t) * weight[o];
    }
  }

  @Override
  public int rowSlack() {
    return Math.max(WINDOW, 3);
  }

  @Override
  public boolean vectorised() {
    return true;
  }
}
