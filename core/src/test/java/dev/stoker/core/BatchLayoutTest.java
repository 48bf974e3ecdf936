package dev.stoker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchLayoutTest {

  /** Row-major linear index over the dimensions in memory order, times the element size. */
  private static long rowMajor(long[] shape, long[] index, int elementSize) {
    long linear = 0;
    for (int d = 0; d < shape.length; d++) {
      linear = linear * shape[d] + index[d];
    }
    return linear * elementSize;
  }

  @Test
  void nhwcOffsetsAreRowMajorOverBatchHeightWidthChannels() {
    BatchLayout layout = new BatchLayout(3, 5, 7, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    assertThat(layout.shape()).containsExactly(3, 5, 7, 3);
    assertThat(layout.byteSize()).isEqualTo(3L * 5 * 7 * 3 * 4);
    for (int i = 0; i < 3; i++) {
      for (int y = 0; y < 5; y++) {
        for (int x = 0; x < 7; x++) {
          for (int c = 0; c < 3; c++) {
            assertThat(layout.offset(i, y, x, c))
                .isEqualTo(rowMajor(layout.shape(), new long[] {i, y, x, c}, 4));
          }
        }
      }
    }
  }

  @Test
  void nchwOffsetsAreRowMajorOverBatchChannelsHeightWidth() {
    BatchLayout layout = new BatchLayout(2, 4, 6, 3, ElementType.UINT8, ChannelOrder.NCHW);
    assertThat(layout.shape()).containsExactly(2, 3, 4, 6);
    for (int i = 0; i < 2; i++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 6; x++) {
          for (int c = 0; c < 3; c++) {
            assertThat(layout.offset(i, y, x, c))
                .isEqualTo(rowMajor(layout.shape(), new long[] {i, c, y, x}, 1));
          }
        }
      }
    }
  }

  @Test
  void rejectsBadShapesWithTheProjectMessageForm() {
    assertThatThrownBy(() -> new BatchLayout(0, 1, 1, 3, ElementType.UINT8, ChannelOrder.NHWC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch=0 (expected: > 0)");
    assertThatThrownBy(() -> new BatchLayout(1, 1, 1, 5, ElementType.UINT8, ChannelOrder.NHWC))
        .hasMessage("channels=5 (expected: in [1, 4])");
    assertThatThrownBy(
            () -> new BatchLayout(1024, 4096, 4096, 3, ElementType.FLOAT32, ChannelOrder.NHWC))
        .hasMessageStartingWith("batch×height×width×channels×elementSize=206158430208");
    BatchLayout layout = new BatchLayout(2, 2, 2, 3, ElementType.UINT8, ChannelOrder.NHWC);
    assertThatThrownBy(() -> layout.offset(2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> layout.offset(0, 2, 0, 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void elementSizesMatchTensorFlowDtypes() {
    assertThat(ElementType.UINT8.byteSize()).isEqualTo(1);
    assertThat(ElementType.INT32.byteSize()).isEqualTo(4);
    assertThat(ElementType.INT64.byteSize()).isEqualTo(8);
    assertThat(ElementType.FLOAT32.byteSize()).isEqualTo(4);
    assertThat(ElementType.FLOAT64.byteSize()).isEqualTo(8);
  }
}
