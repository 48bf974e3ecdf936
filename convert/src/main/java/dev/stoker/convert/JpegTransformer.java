package dev.stoker.convert;

import java.io.IOException;

/** Rewrites a JPEG's entropy coding without touching its DCT coefficients. */
interface JpegTransformer {
  /**
   * Rewrites a progressive JPEG as a baseline one with the same coefficients, so the decoded pixels
   * are identical.
   *
   * @param jpeg the JPEG file's bytes
   * @return the baseline JPEG
   * @throws IOException when the JPEG cannot be transformed
   */
  byte[] toBaseline(byte[] jpeg) throws IOException;
}
