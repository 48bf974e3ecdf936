package dev.stoker.augment.internal;

import dev.stoker.core.ElementType;
import dev.stoker.decode.resize.SampleTarget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/** The {@link WarpKernel} in plain Java: runs everywhere, one pixel at a time. */
final class ScalarWarpKernel implements WarpKernel {
  private static final ValueLayout.OfFloat FLOAT_LE =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private float[] values = new float[0];
  private byte[] bytes = new byte[0];

  @Override
  public void map(WarpRow row, int n, RowMap m) {
    int borders = row.borderCount;
    for (int x = 0; x < n; x++) {
      float xf = x;
      float qx = m.qx0 + xf * m.qdx;
      float qy = m.qy0 + xf * m.qdy;
      float px = m.px0 + xf * m.pdx;
      float py = m.py0 + xf * m.pdy;
      int ix = (int) px;
      int iy = (int) py;
      int p00 = iy * m.stride + ix * 3;
      boolean inside =
          qx >= 0.5f
              && qy >= 0.5f
              && qx < m.qxMax
              && qy < m.qyMax
              && px >= 0
              && py >= 0
              && px < m.pxMax
              && py < m.pyMax
              && p00 <= m.last;
      if (inside) {
        row.offset[x] = p00;
        row.fx[x] = px - ix;
        row.fy[x] = py - iy;
      } else {
        row.offset[x] = 0;
        row.fx[x] = 0;
        row.fy[x] = 0;
        row.border[borders++] = x;
      }
    }
    row.borderCount = borders;
  }

  @Override
  public void blend(WarpRow row, int n) {
    for (int x = 0; x < n; x++) {
      float ax = row.fx[x];
      float ay = row.fy[x];
      int a0 = row.t00[x];
      int a1 = row.t01[x];
      int b0 = row.t10[x];
      int b1 = row.t11[x];
      row.red[x] = level(a0, a1, b0, b1, 0, ax, ay);
      row.green[x] = level(a0, a1, b0, b1, 8, ax, ay);
      row.blue[x] = level(a0, a1, b0, b1, 16, ax, ay);
    }
  }

  private static float level(int a0, int a1, int b0, int b1, int shift, float ax, float ay) {
    float v00 = (a0 >>> shift) & 0xFF;
    float v01 = (a1 >>> shift) & 0xFF;
    float v10 = (b0 >>> shift) & 0xFF;
    float v11 = (b1 >>> shift) & 0xFF;
    float top = v00 + (v01 - v00) * ax;
    float bottom = v10 + (v11 - v10) * ax;
    return (int) (top + (bottom - top) * ay + 0.5f);
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
    if (values.length < 3 * n) {
      values = new float[3 * n];
      bytes = new byte[3 * n];
    }
    float[] out = values;
    for (int x = 0; x < n; x++) {
      float r = row.red[x];
      float g = row.green[x];
      float b = row.blue[x];
      if (matrix != null) {
        float nr = matrix[0] * r + matrix[1] * g + matrix[2] * b + bias[0];
        float ng = matrix[3] * r + matrix[4] * g + matrix[5] * b + bias[1];
        float nb = matrix[6] * r + matrix[7] * g + matrix[8] * b + bias[2];
        r = clamp(nr);
        g = clamp(ng);
        b = clamp(nb);
      }
      out[3 * x] = r * scales[0] + offsets[0];
      out[3 * x + 1] = g * scales[1] + offsets[1];
      out[3 * x + 2] = b * scales[2] + offsets[2];
    }
    storeInterleaved(out, bytes, n, target, y);
  }

  /** Clamps to 0..255 as the vector kernel does: {@code min(max(v, 0), 255)}. */
  static float clamp(float v) {
    return Math.min(Math.max(v, 0f), 255f);
  }

  /** Rounds half up and saturates to 0..255, as the decode module's resizer casts to uint8. */
  static byte toByte(float v) {
    return (byte) (int) Math.min(Math.max(v + 0.5f, 0f), 255f);
  }

  /**
   * Writes {@code n} interleaved RGB values at output row {@code y} of the target, at its strides
   * and element type.
   */
  static void storeInterleaved(float[] out, byte[] bytes, int n, SampleTarget target, int y) {
    MemorySegment seg = target.segment();
    long rowBase = target.offset() + y * target.rowStride();
    long ps = target.pixelStride();
    long cs = target.channelStride();
    if (target.elementType() == ElementType.FLOAT32) {
      if (ps == 12 && cs == 4) {
        MemorySegment.copy(out, 0, seg, FLOAT_LE, rowBase, 3 * n);
        return;
      }
      for (int x = 0; x < n; x++) {
        for (int c = 0; c < 3; c++) {
          seg.set(FLOAT_LE, rowBase + x * ps + c * cs, out[3 * x + c]);
        }
      }
      return;
    }
    for (int i = 0; i < 3 * n; i++) {
      bytes[i] = toByte(out[i]);
    }
    if (ps == 3 && cs == 1) {
      MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, rowBase, 3 * n);
      return;
    }
    for (int x = 0; x < n; x++) {
      for (int c = 0; c < 3; c++) {
        seg.set(ValueLayout.JAVA_BYTE, rowBase + x * ps + c * cs, bytes[3 * x + c]);
      }
    }
  }

  @Override
  public boolean vectorised() {
    return false;
  }
}
