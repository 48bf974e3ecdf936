package dev.stoker.decode;

/**
 * How a JPEG stores its chroma relative to its luma: the horizontal and vertical sampling factors
 * of the luma component when the chroma components have factors 1×1.
 */
public enum ChromaSubsampling {
  /** Full chroma resolution (1×1). */
  S444,
  /** Chroma halved horizontally (2×1). */
  S422,
  /** Chroma halved both ways (2×2): the usual camera and web JPEG. */
  S420,
  /** Chroma halved vertically (1×2). */
  S440,
  /** Chroma quartered horizontally (4×1). */
  S411,
  /** One component: no chroma. */
  GRAY,
  /** Any other arrangement, or not a JPEG. */
  OTHER
}
