package dev.stoker.augment.internal;

/**
 * The coefficients of one output row of a {@link FoldedWarp}, in float32: where pixel {@code x}
 * lands in the resized image ({@code q}) and in the source's pixel-index coordinates ({@code p}),
 * and the bounds that make it an inside pixel (see {@link WarpKernel#map}).
 *
 * <p>Mutable, reused for every row by one {@link FoldedWarp}; not thread-safe.
 */
final class RowMap {
  float qx0;
  float qy0;
  float qdx;
  float qdy;
  float qxMax;
  float qyMax;
  float px0;
  float py0;
  float pdx;
  float pdy;
  float pxMax;
  float pyMax;
  int stride;
  int last;
}
