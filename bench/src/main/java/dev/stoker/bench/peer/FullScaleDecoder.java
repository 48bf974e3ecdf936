package dev.stoker.bench.peer;

import dev.stoker.decode.DctScale;
import dev.stoker.decode.ImageDecoder;
import dev.stoker.decode.ImageInfo;
import dev.stoker.decode.resize.PixelBuffer;
import java.lang.foreign.MemorySegment;
import java.util.Set;

/**
 * A decoder that offers only {@link DctScale#FULL}: the pipeline then decodes every image at full
 * size, as tf.data's {@code DecodeJpeg} does, so the two outputs can be compared value by value and
 * the two engines do the same work.
 *
 * <p><b>Ownership and threading.</b> Owns the wrapped decoder and closes it; as thread-confined as
 * it.
 */
public final class FullScaleDecoder implements ImageDecoder {
  private final ImageDecoder decoder;

  /**
   * Wraps a decoder.
   *
   * @param decoder the decoder, now owned by this one
   */
  public FullScaleDecoder(ImageDecoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public String name() {
    return decoder.name() + " (full scale)";
  }

  @Override
  public boolean canDecode(ImageInfo info) {
    return decoder.canDecode(info);
  }

  @Override
  public Set<DctScale> scales(ImageInfo info) {
    return Set.of(DctScale.FULL);
  }

  @Override
  public ImageInfo probe(MemorySegment encoded) {
    return decoder.probe(encoded);
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded, DctScale scale, int channels, MemorySegment target, long rowStride) {
    return decoder.decode(encoded, scale, channels, target, rowStride);
  }

  @Override
  public PixelBuffer decode(
      MemorySegment encoded,
      ImageInfo info,
      DctScale scale,
      int channels,
      MemorySegment target,
      long rowStride) {
    return decoder.decode(encoded, info, scale, channels, target, rowStride);
  }

  @Override
  public void close() {
    decoder.close();
  }
}
