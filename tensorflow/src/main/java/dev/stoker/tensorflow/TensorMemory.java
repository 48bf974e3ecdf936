package dev.stoker.tensorflow;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataStorageVisitor;

/**
 * Reaches the native memory behind a dense TensorFlow tensor.
 *
 * <p>TensorFlow Java exposes a tensor's buffer through {@code
 * asRawTensor().data().accept(visitor)}: for native memory the visitor's {@code visit(address,
 * length, scale)} receives the absolute address, the length in bytes, and the size of one element
 * of the visited buffer (1 for the raw byte buffer). This class turns that into a {@link
 * MemorySegment} of exactly the expected size, after checking that TensorFlow's buffer is at least
 * that large and suitably aligned.
 */
final class TensorMemory {
  private TensorMemory() {}

  /** The address and byte length TensorFlow reports for a tensor's buffer. */
  record Region(long address, long length) {}

  private static final DataStorageVisitor<Region> NATIVE_REGION =
      new DataStorageVisitor<>() {
        @Override
        public Region visit(long address, long length, long scale) {
          return new Region(address, length);
        }

        @Override
        public Region fallback() {
          throw new IllegalStateException(
              "tensor buffer is not native memory (expected: a TensorFlow-allocated dense tensor)");
        }
      };

  /**
   * Returns the tensor's buffer as a segment of {@code bytes} bytes, valid while {@code arena} is
   * open (and, separately, while the tensor is open: the caller closes the arena no later than the
   * tensor).
   *
   * @param tensor a dense tensor
   * @param what the tensor's role, for messages
   * @param bytes the size the caller expects
   * @param alignment the alignment the caller needs, a power of two
   * @param arena the lifetime of the returned segment, or {@code null} for the global scope
   * @return the tensor's memory
   * @throws IllegalStateException when TensorFlow's buffer is smaller than {@code bytes} or not
   *     aligned to {@code alignment}
   */
  @SuppressWarnings("restricted") // the size is checked against what TensorFlow reports above
  static MemorySegment segment(
      Tensor tensor, String what, long bytes, long alignment, @Nullable Arena arena) {
    Region region = tensor.asRawTensor().data().accept(NATIVE_REGION);
    long numBytes = tensor.numBytes();
    if (region.length() < bytes || numBytes < bytes) {
      throw new IllegalStateException(
          what
              + " tensor buffer="
              + region.length()
              + " bytes, numBytes="
              + numBytes
              + " (expected: >= "
              + bytes
              + " bytes for shape "
              + tensor.shape()
              + ")");
    }
    if (region.address() == 0 || (region.address() & (alignment - 1)) != 0) {
      throw new IllegalStateException(
          what
              + " tensor data address=0x"
              + Long.toHexString(region.address())
              + " (expected: non-null and "
              + alignment
              + "-byte aligned)");
    }
    MemorySegment raw = MemorySegment.ofAddress(region.address());
    return arena == null ? raw.reinterpret(bytes) : raw.reinterpret(bytes, arena, null);
  }
}
