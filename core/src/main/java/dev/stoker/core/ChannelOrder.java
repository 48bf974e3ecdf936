package dev.stoker.core;

/**
 * Where the channel dimension sits in an image batch.
 *
 * <p>TensorFlow on CPU and most Keras models expect {@link #NHWC} (channels last); cuDNN-tuned
 * models and PyTorch-style models often expect {@link #NCHW} (channels first).
 */
public enum ChannelOrder {
  /** Batch, height, width, channels: the channels of one pixel are adjacent. */
  NHWC,
  /** Batch, channels, height, width: each channel is a contiguous plane. */
  NCHW
}
