package dev.stoker.augment.internal;

import dev.stoker.core.ElementType;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WarpKernel} on the Vector API: a block of {@code L} pixels per step (8 with 256-bit
 * vectors, 16 with 512).
 *
 * <p>Blending is the scalar formula lane by lane: each tap vector is shifted and masked to one
 * channel, converted to float, and lerped. Storing a float32 row of interleaved RGB (NHWC) turns
 * the three channel vectors of a block into three vectors of interleaved values with one shuffle
 * per output vector and two blends, then writes them with plain vector stores; a planar (NCHW) row
 * stores each channel vector directly. Other layouts, uint8 targets and the pixels after the last
 * full block go through the scalar kernel's store.
 *
 * <p>Loaded by name from {@link WarpKernel#best()} only, so that the rest of the library never
 * links against {@code jdk.incubator.vector}.
 */
final class VectorWarpKernel implements WarpKernel {
  // Static final species: the JIT compiles Vector API calls into vector instructions only where
  // it sees the species as a constant.
  private static final VectorShape SHAPE =
      VectorShape.preferredShape().vectorBitSize() > 512
          ? VectorShape.S_512_BIT
          : VectorShape.preferredShape();
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(SHAPE);
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.withShape(SHAPE);
  private static final int LANES = FLOATS.length();
  private static final FloatVector FLOAT_IOTA =
      (FloatVector) IntVector.zero(INTS).addIndex(1).castShape(FLOATS, 0);

  /** Output vector k of a block takes lane j from channel lane {@code (k·L + j) / 3}. */
  private static final VectorShuffle<Float> PICK0 = pick(0);

  private static final VectorShuffle<Float> PICK1 = pick(1);
  private static final VectorShuffle<Float> PICK2 = pick(2);

  /** Lanes of output vector k that hold green (channel 1) and blue (channel 2). */
  private static final VectorMask<Float> GREEN0 = channel(0, 1);

  private static final VectorMask<Float> BLUE0 = channel(0, 2);
  private static final VectorMask<Float> GREEN1 = channel(1, 1);
  private static final VectorMask<Float> BLUE1 = channel(1, 2);
  private static final VectorMask<Float> GREEN2 = channel(2, 1);
  private static final VectorMask<Float> BLUE2 = channel(2, 2);

  private final ScalarWarpKernel tail = new ScalarWarpKernel();
  private final WarpRow one = new WarpRow();

  private VectorWarpKernel() {
    one.ensure(1);
  }

  /**
   * Creates the kernel where the CPU's preferred vectors are at least 256 bits wide.
   *
   * @return the kernel, or null where vectors are narrower (the scalar kernel is faster there)
   */
  public static @Nullable WarpKernel createIfSupported() {
    return SHAPE.vectorBitSize() >= 256 && WarpRow.BLOCK % LANES == 0
        ? new VectorWarpKernel()
        : null;
  }

  private static VectorShuffle<Float> pick(int k) {
    return VectorShuffle.fromOp(FLOATS, j -> (k * LANES + j) / 3);
  }

  private static VectorMask<Float> channel(int k, int c) {
    boolean[] bits = new boolean[LANES];
    for (int j = 0; j < LANES; j++) {
      bits[j] = (k * LANES + j) % 3 == c;
    }
    return VectorMask.fromArray(FLOATS, bits, 0);
  }

  @Override
  public void map(WarpRow row, int n, RowMap m) {
    int borders = row.borderCount;
    FloatVector iota = FLOAT_IOTA;
    for (int x = 0; x < n; x += LANES) {
      FloatVector xf = iota.add((float) x);
      FloatVector qx = xf.mul(m.qdx).add(m.qx0);
      FloatVector qy = xf.mul(m.qdy).add(m.qy0);
      FloatVector px = xf.mul(m.pdx).add(m.px0);
      FloatVector py = xf.mul(m.pdy).add(m.py0);
      IntVector ix = (IntVector) px.castShape(INTS, 0);
      IntVector iy = (IntVector) py.castShape(INTS, 0);
      IntVector p00 = iy.mul(m.stride).add(ix.mul(3));
      VectorMask<Float> inside =
          qx.compare(VectorOperators.GE, 0.5f)
              .and(qy.compare(VectorOperators.GE, 0.5f))
              .and(qx.compare(VectorOperators.LT, m.qxMax))
              .and(qy.compare(VectorOperators.LT, m.qyMax))
              .and(px.compare(VectorOperators.GE, 0f))
              .and(py.compare(VectorOperators.GE, 0f))
              .and(px.compare(VectorOperators.LT, m.pxMax))
              .and(py.compare(VectorOperators.LT, m.pyMax))
              .and(p00.compare(VectorOperators.LE, m.last).cast(FLOATS));
      FloatVector zero = FloatVector.zero(FLOATS);
      zero.blend(px.sub((FloatVector) ix.castShape(FLOATS, 0)), inside).intoArray(row.fx, x);
      zero.blend(py.sub((FloatVector) iy.castShape(FLOATS, 0)), inside).intoArray(row.fy, x);
      IntVector.zero(INTS).blend(p00, inside.cast(INTS)).intoArray(row.offset, x);
      if (!inside.allTrue()) {
        long bits = inside.not().toLong();
        for (int j = 0; j < LANES && x + j < n; j++) {
          if ((bits & (1L << j)) != 0) {
            row.border[borders++] = x + j;
          }
        }
      }
    }
    row.borderCount = borders;
  }

  @Override
  public void blend(WarpRow row, int n) {
    // One method body, no helpers: the JIT turns Vector API calls into instructions only where it
    // inlines them with their vectors' exact types known.
    for (int x = 0; x < n; x += LANES) {
      FloatVector ax = FloatVector.fromArray(FLOATS, row.fx, x);
      FloatVector ay = FloatVector.fromArray(FLOATS, row.fy, x);
      IntVector a0 = IntVector.fromArray(INTS, row.t00, x);
      IntVector a1 = IntVector.fromArray(INTS, row.t01, x);
      IntVector b0 = IntVector.fromArray(INTS, row.t10, x);
      IntVector b1 = IntVector.fromArray(INTS, row.t11, x);
      for (int c = 0; c < 3; c++) {
        int shift = 8 * c;
        FloatVector v00 =
            (FloatVector) a0.lanewise(VectorOperators.LSHR, shift).and(0xFF).castShape(FLOATS, 0);
        FloatVector v01 =
            (FloatVector) a1.lanewise(VectorOperators.LSHR, shift).and(0xFF).castShape(FLOATS, 0);
        FloatVector v10 =
            (FloatVector) b0.lanewise(VectorOperators.LSHR, shift).and(0xFF).castShape(FLOATS, 0);
        FloatVector v11 =
            (FloatVector) b1.lanewise(VectorOperators.LSHR, shift).and(0xFF).castShape(FLOATS, 0);
        FloatVector top = v00.add(v01.sub(v00).mul(ax));
        FloatVector bottom = v10.add(v11.sub(v10).mul(ax));
        FloatVector v = top.add(bottom.sub(top).mul(ay)).add(0.5f);
        FloatVector level = (FloatVector) v.castShape(INTS, 0).castShape(FLOATS, 0);
        level.intoArray(c == 0 ? row.red : c == 1 ? row.green : row.blue, x);
      }
    }
  }

  @Override
  public void store(
      WarpRow row,
      int n,
      float @Nullable [] matrix,
      float[] bias,
      float[] scales,
      float[] offsets,
      SampleTarget target,
      int y) {
    long ps = target.pixelStride();
    long cs = target.channelStride();
    boolean interleaved = ps == 12 && cs == 4;
    boolean planar = ps == 4;
    if (target.elementType() != ElementType.FLOAT32 || !(interleaved || planar)) {
      tail.store(row, n, matrix, bias, scales, offsets, target, y);
      return;
    }
    MemorySegment seg = target.segment();
    long rowBase = target.offset() + y * target.rowStride();
    int full = n - n % LANES;
    for (int x = 0; x < full; x += LANES) {
      FloatVector r = FloatVector.fromArray(FLOATS, row.red, x);
      FloatVector g = FloatVector.fromArray(FLOATS, row.green, x);
      FloatVector b = FloatVector.fromArray(FLOATS, row.blue, x);
      if (matrix != null) {
        FloatVector nr = mix(r, g, b, matrix, 0, bias[0]);
        FloatVector ng = mix(r, g, b, matrix, 3, bias[1]);
        FloatVector nb = mix(r, g, b, matrix, 6, bias[2]);
        r = nr;
        g = ng;
        b = nb;
      }
      r = r.mul(scales[0]).add(offsets[0]);
      g = g.mul(scales[1]).add(offsets[1]);
      b = b.mul(scales[2]).add(offsets[2]);
      if (interleaved) {
        long at = rowBase + 12L * x;
        interleave(r, g, b, PICK0, GREEN0, BLUE0)
            .intoMemorySegment(seg, at, ByteOrder.LITTLE_ENDIAN);
        interleave(r, g, b, PICK1, GREEN1, BLUE1)
            .intoMemorySegment(seg, at + 4L * LANES, ByteOrder.LITTLE_ENDIAN);
        interleave(r, g, b, PICK2, GREEN2, BLUE2)
            .intoMemorySegment(seg, at + 8L * LANES, ByteOrder.LITTLE_ENDIAN);
      } else {
        long at = rowBase + 4L * x;
        r.intoMemorySegment(seg, at, ByteOrder.LITTLE_ENDIAN);
        g.intoMemorySegment(seg, at + cs, ByteOrder.LITTLE_ENDIAN);
        b.intoMemorySegment(seg, at + 2 * cs, ByteOrder.LITTLE_ENDIAN);
      }
    }
    for (int x = full; x < n; x++) { // the pixels after the last full block, one at a time
      one.red[0] = row.red[x];
      one.green[0] = row.green[x];
      one.blue[0] = row.blue[x];
      SampleTarget pixel =
          new SampleTarget(
              seg, rowBase + x * ps, 1, 1, 3, ElementType.FLOAT32, target.rowStride(), ps, cs);
      tail.store(one, 1, matrix, bias, scales, offsets, pixel, 0);
    }
  }

  /** {@code clamp(m[i]·r + m[i+1]·g + m[i+2]·b + bias, 0, 255)}, in the scalar kernel's order. */
  private static FloatVector mix(
      FloatVector r, FloatVector g, FloatVector b, float[] m, int i, float bias) {
    return r.mul(m[i]).add(g.mul(m[i + 1])).add(b.mul(m[i + 2])).add(bias).max(0f).min(255f);
  }

  private static FloatVector interleave(
      FloatVector r,
      FloatVector g,
      FloatVector b,
      VectorShuffle<Float> pick,
      VectorMask<Float> green,
      VectorMask<Float> blue) {
    return r.rearrange(pick).blend(g.rearrange(pick), green).blend(b.rearrange(pick), blue);
  }

  @Override
  public boolean vectorised() {
    return true;
  }
}
