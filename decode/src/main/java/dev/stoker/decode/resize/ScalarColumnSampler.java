package dev.stoker.decode.resize;

/**
 * The portable {@link ColumnSampler}: one output pixel per iteration, in plain Java. It needs no
 * tables beyond {@link AxisTable} and runs on every JVM; it is also the reference the vector
 * variant is tested against.
 */
final class ScalarColumnSampler implements ColumnSampler {
  /** Bytes read past the span: the right neighbour read at the last pixel. */
  private static final int ROW_SLACK = 3;

  @Override
  public void prepare(AxisTable columns, int channels) {}

  @Override
  public void sample(byte[] s, AxisTable columns, int channels, float[] dst) {
    int[] lo = columns.lo;
    float[] lerp = columns.lerp;
    int n = columns.size;
    if (channels == 3) {
      for (int x = 0, o = 0; x < n; x++, o += 3) {
        int a = lo[x];
        float l = lerp[x];
        float r0 = s[a] & 0xff;
        float g0 = s[a + 1] & 0xff;
        float b0 = s[a + 2] & 0xff;
        dst[o] = r0 + ((s[a + 3] & 0xff) - r0) * l;
        dst[o + 1] = g0 + ((s[a + 4] & 0xff) - g0) * l;
        dst[o + 2] = b0 + ((s[a + 5] & 0xff) - b0) * l;
      }
    } else {
      for (int x = 0; x < n; x++) {
        int a = lo[x];
        float v0 = s[a] & 0xff;
        dst[x] = v0 + ((s[a + 1] & 0xff) - v0) * lerp[x];
      }
    }
  }

  @Override
  public int rowSlack() {
    return ROW_SLACK;
  }

  @Override
  public boolean vectorised() {
    return false;
  }
}
