package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.OffHeapBuffer;
import dev.stoker.decode.resize.PixelBuffer;
import dev.stoker.decode.resize.ResizeSpec;
import dev.stoker.decode.resize.Resizer;
import dev.stoker.decode.resize.SampleTarget;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The whole path, through the decoder the chooser picks, reproduces TensorFlow's tf.data output
 * ({@code testdata/tfdata-reference}) to the float32 bit.
 */
class DecodeAndResizeReferenceTest {
  @Test
  void decodeThenResizeMatchesTfData() throws IOException {
    byte[] reference =
        Files.readAllBytes(SharedData.testdata("tfdata-reference/images-32x32x3-f32le.bin"));
    BatchLayout layout = new BatchLayout(40, 32, 32, 3, ElementType.FLOAT32, ChannelOrder.NHWC);
    Resizer resizer = new Resizer();
    try (MemoryBudget budget = MemoryBudget.create("test", 64L << 20);
        OffHeapBuffer slab = budget.allocate("slab", layout.byteSize());
        OffHeapBuffer scratch = budget.allocate("decoded", 1L << 20);
        ImageDecoder decoder = ImageDecoders.create(DecodeOptions.defaults());
        Arena arena = Arena.ofConfined()) {
      for (int i = 0; i < 40; i++) {
        MemorySegment jpeg =
            Fixtures.load(SharedData.testdata(String.format("images/img-%02d.jpg", i)), arena);
        ImageInfo info = decoder.probe(jpeg);
        PixelBuffer pixels =
            decoder.decode(jpeg, DctScale.FULL, 3, scratch.segment(), info.width() * 3L);
        resizer.resize(pixels, ResizeSpec.bilinear(), SampleTarget.of(slab.segment(), layout, i));
      }
      assertThat(slab.segment().mismatch(MemorySegment.ofArray(reference))).isEqualTo(-1L);
    }
  }
}
