package dev.stoker.decode;

/**
 * What an image's header says, read without decoding any pixels.
 *
 * @param format the container format
 * @param width the width in pixels
 * @param height the height in pixels
 * @param components the colour components stored: 1 (gray), 3 (YCbCr or RGB), 4 (CMYK or YCCK)
 * @param progressive whether a JPEG is progressive (false for other formats)
 * @param subsampling a JPEG's chroma subsampling ({@link ChromaSubsampling#OTHER} for other
 *     formats)
 */
public record ImageInfo(
    ImageFormat format,
    int width,
    int height,
    int components,
    boolean progressive,
    ChromaSubsampling subsampling) {

  /**
   * Returns the pixel count, the figure the decompression-bomb limit applies to.
   *
   * @return {@code width × height}
   */
  public long pixels() {
    return (long) width * height;
  }
}
