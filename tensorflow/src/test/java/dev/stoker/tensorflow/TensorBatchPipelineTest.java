package dev.stoker.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.BatchLayout;
import dev.stoker.core.ChannelOrder;
import dev.stoker.core.ElementType;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.core.memory.MemoryMetrics;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.source.TfRecordOptions;
import dev.stoker.io.source.TfRecordSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.BatchAllocator;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataStorageVisitor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;
import org.tensorflow.types.family.TNumber;

/**
 * The pipeline over {@code images.tfrecord} (decode, bilinear resize to 32×32) with slabs that are
 * TensorFlow tensors, fed to a small graph: per-image mean and maximum, and the labels passed
 * through. TensorFlow's results are checked against values computed here from {@code
 * batch.images()} and from the tf.data reference file.
 */
class TensorBatchPipelineTest {
  private static final Path SHARED =
      Path.of(System.getProperty("stoker.testdata.dir", "../testdata"));
  private static final int SIDE = 32;
  private static final int VALUES = SIDE * SIDE * 3;

  /** Every slab the allocator made, and the budget it reserved against. */
  private static final class Recorder implements BatchAllocator {
    final List<TensorBatchMemory> slabs = new ArrayList<>();
    final List<MemoryBudget> budgets = new ArrayList<>();
    final List<Tensor> tensors = new ArrayList<>();

    @Override
    public synchronized TensorBatchMemory allocate(
        BatchLayout layout, MemoryBudget budget, int slabIndex) {
      TensorBatchMemory slab =
          (TensorBatchMemory) TensorBatchAllocator.create().allocate(layout, budget, slabIndex);
      slabs.add(slab);
      budgets.add(budget);
      tensors.add(slab.imageTensor());
      tensors.add(slab.labelTensor());
      return slab;
    }
  }

  private static MemoryMetrics pipelineBudget() {
    return MemoryBudget.openBudgets().stream()
        .filter(b -> b.name().equals("tensorflow-test"))
        .findFirst()
        .orElseThrow();
  }

  private static Pipeline open(
      TfRecordSource source, BatchAllocator allocator, ElementType type, int batchSize) {
    Augmentation resize = Augmentation.builder().add(new Resize(SIDE, SIDE)).build();
    return Pipeline.open(
        PipelineOptions.builder()
            .name("tensorflow-test")
            .source(source)
            .processor(ImageSampleProcessor.factory(resize, DecodeOptions.defaults()))
            .imageSize(SIDE, SIDE)
            .elementType(type)
            .batchSize(batchSize)
            .dropRemainder(false)
            .workers(2)
            .seed(7)
            .allocator(allocator)
            .build());
  }

  private static TfRecordSource source() {
    try {
      return TfRecordSource.open(
          TfRecordOptions.builder(List.of(SHARED.resolve("tfrecord/images.tfrecord").toString()))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A graph: images [-1, 32, 32, 3] → "mean" and "max" per image; labels [-1] → "labels_out". */
  private static <T extends TNumber> Graph graph(Class<T> imageType) {
    Graph graph = new Graph();
    Ops tf = Ops.create(graph);
    Placeholder<T> images =
        tf.withName("images")
            .placeholder(imageType, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 3)));
    Placeholder<TInt64> labels =
        tf.withName("labels").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    var asFloat = tf.dtypes.cast(images, TFloat32.class);
    var axes = tf.constant(new int[] {1, 2, 3});
    tf.withName("mean").math.mean(asFloat, axes);
    tf.withName("max").max(asFloat, axes);
    tf.withName("labels_out").identity(labels);
    return graph;
  }

  /** Java's own per-image figures, straight from the batch memory. */
  private static float value(MemorySegment images, ElementType type, long index) {
    return type == ElementType.FLOAT32
        ? images.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index)
        : Byte.toUnsignedInt(images.get(ValueLayout.JAVA_BYTE, index));
  }

  private static void checkAgainstTensorFlow(
      Session session, Batch batch, TensorBatch tensors, ElementType type) {
    try (Result result =
        session
            .runner()
            .feed("images", tensors.images())
            .feed("labels", tensors.labels())
            .fetch("mean")
            .fetch("max")
            .fetch("labels_out")
            .run()) {
      TFloat32 mean = (TFloat32) result.get(0);
      TFloat32 max = (TFloat32) result.get(1);
      TInt64 labels = (TInt64) result.get(2);
      assertThat(mean.shape()).isEqualTo(Shape.of(batch.size()));
      MemorySegment images = batch.images();
      for (int i = 0; i < batch.size(); i++) {
        double sum = 0;
        float biggest = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < VALUES; k++) {
          float v = value(images, type, (long) i * VALUES + k);
          sum += v;
          biggest = Math.max(biggest, v);
        }
        double javaMean = sum / VALUES;
        assertThat((double) mean.getFloat(i))
            .as("mean of sample %d", i)
            .isCloseTo(javaMean, offset(1e-5 * Math.abs(javaMean) + 1e-6));
        assertThat(max.getFloat(i)).as("max of sample %d", i).isEqualTo(biggest);
        assertThat(labels.getLong(i)).isEqualTo(batch.label(i));
      }
    }
  }

  @Test
  void tensorFlowComputesFromTheDecodedPixelsWithoutACopy() throws Exception {
    byte[] reference =
        Files.readAllBytes(SHARED.resolve("tfdata-reference/images-32x32x3-f32le.bin"));
    Recorder recorder = new Recorder();
    int batches = 0;
    try (Graph graph = graph(TFloat32.class);
        Session session = new Session(graph);
        TfRecordSource source = source();
        Pipeline pipeline = open(source, recorder, ElementType.FLOAT32, 8)) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next();
            TensorBatch tensors = TensorBatch.of(batch)) {
          batches++;
          assertThat(tensors.isView()).isTrue();
          assertThat(tensors.images()).isInstanceOf(TFloat32.class);
          assertThat(tensors.images().shape()).isEqualTo(Shape.of(8, SIDE, SIDE, 3));
          assertThat(tensors.labels().shape()).isEqualTo(Shape.of(8));
          checkAgainstTensorFlow(session, batch, tensors, ElementType.FLOAT32);
          checkMaxAgainstReference(session, batch, tensors, reference);
        }
      }
    }
    assertThat(batches).isEqualTo(5);
  }

  /** TensorFlow's per-image maximum equals the maximum of the tf.data reference image. */
  private static void checkMaxAgainstReference(
      Session session, Batch batch, TensorBatch tensors, byte[] reference) {
    try (Result result = session.runner().feed("images", tensors.images()).fetch("max").run()) {
      TFloat32 max = (TFloat32) result.get(0);
      ByteBuffer ref = ByteBuffer.wrap(reference).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < batch.size(); i++) {
        int record = (int) batch.sampleId(i);
        float biggest = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < VALUES; k++) {
          biggest = Math.max(biggest, ref.getFloat((record * VALUES + k) * 4));
        }
        assertThat(max.getFloat(i)).as("max of record %d vs tf.data", record).isEqualTo(biggest);
      }
    }
  }

  private static long address(Tensor tensor) {
    return tensor
        .asRawTensor()
        .data()
        .accept(
            new DataStorageVisitor<Long>() {
              @Override
              public Long visit(long address, long length, long scale) {
                return address;
              }

              @Override
              public Long fallback() {
                throw new AssertionError("not native memory");
              }
            });
  }

  @Test
  void batchMemoryIsTheTensorsOwnMemory() {
    try (TfRecordSource source = source();
        Pipeline pipeline = open(source, TensorBatchAllocator.create(), ElementType.FLOAT32, 8);
        Batch batch = pipeline.next();
        TensorBatch tensors = TensorBatch.of(batch)) {
      TFloat32 images = tensors.images(TFloat32.class);
      assertThat(batch.images().address()).isEqualTo(address(images));
      assertThat(batch.labels().address()).isEqualTo(address(tensors.labels()));
      assertThat(address(images) % 64).isZero();
      assertThat(address(tensors.labels()) % 64).isZero();
      // Written through the pipeline's segment, read through TensorFlow's accessors.
      long at = ((3L * SIDE + 5) * SIDE + 7) * 3 + 2;
      batch.images().setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at, 1234.5f);
      assertThat(images.getFloat(3, 5, 7, 2)).isEqualTo(1234.5f);
      batch.labels().setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 6, -42L);
      assertThat(tensors.labels().getLong(6)).isEqualTo(-42L);
      // And the other way round.
      images.setFloat(-7.25f, 0, 31, 31, 0);
      assertThat(batch.images().getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, (31L * SIDE + 31) * 3))
          .isEqualTo(-7.25f);
      assertThatThrownBy(() -> tensors.images(TUint8.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("type=TUint8 (expected: TFloat32");
    }
  }

  @Test
  void closingThePipelineAndTheLastBatchFreesEveryTensorAndReservation() {
    Recorder recorder = new Recorder();
    MemoryBudget budget;
    Batch held;
    TInt64 heldLabels;
    try (TfRecordSource source = source();
        Pipeline pipeline = open(source, recorder, ElementType.UINT8, 8)) {
      budget = recorder.budgets.getFirst();
      long slabBytes = 8L * SIDE * SIDE * 3 + 8 * 8;
      assertThat(budget.usedBytes()).isGreaterThanOrEqualTo(recorder.slabs.size() * slabBytes);
      held = pipeline.next();
      try (TensorBatch tensors = TensorBatch.of(held)) {
        heldLabels = tensors.labels();
      }
    }
    // The pipeline is closed; the batch the consumer holds stays valid, with its tensors.
    TensorBatchMemory heldSlab = (TensorBatchMemory) held.memory();
    assertThat(recorder.slabs).allMatch(s -> s == heldSlab || s.isClosed());
    assertThat(heldSlab.isClosed()).isFalse();
    assertThat(budget.isClosed()).isFalse();
    assertThat(heldLabels.getLong(0)).isEqualTo(held.label(0));
    held.close();
    assertThat(budget.isClosed()).isTrue();
    assertThat(budget.usedBytes()).isZero();
    assertThat(budget.outstandingCount()).isZero();
    assertThat(recorder.slabs).isNotEmpty().allMatch(TensorBatchMemory::isClosed);
    for (TensorBatchMemory slab : recorder.slabs) {
      assertThatThrownBy(slab::imageTensor).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> slab.images().get(ValueLayout.JAVA_BYTE, 0))
          .isInstanceOf(IllegalStateException.class);
    }
    // TensorFlow Java itself reports every tensor closed, the held batch's included.
    assertThat(recorder.tensors).hasSize(2 * recorder.slabs.size()).contains(heldLabels);
    for (Tensor tensor : recorder.tensors) {
      assertThatThrownBy(tensor::numBytes)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("close() was called on the Tensor");
    }
  }

  @Test
  void thePartialLastBatchIsACorrectlyShapedCopyOwnedByTheWrapper() {
    List<Integer> sizes = new ArrayList<>();
    try (Graph graph = graph(TUint8.class);
        Session session = new Session(graph);
        TfRecordSource source = source();
        Pipeline pipeline = open(source, TensorBatchAllocator.create(), ElementType.UINT8, 16)) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next()) {
          sizes.add(batch.size());
          TensorBatch tensors = TensorBatch.of(batch);
          if (batch.size() == 16) {
            assertThat(tensors.isView()).isTrue();
            tensors.close();
            continue;
          }
          assertThat(tensors.isView()).isFalse();
          TUint8 images = tensors.images(TUint8.class);
          assertThat(images.shape()).isEqualTo(Shape.of(8, SIDE, SIDE, 3));
          assertThat(tensors.labels().shape()).isEqualTo(Shape.of(8));
          assertThat(address(images)).isNotEqualTo(batch.images().address());
          byte[] want = batch.images().toArray(ValueLayout.JAVA_BYTE);
          for (int i = 0; i < 8; i++) {
            for (int y = 0; y < SIDE; y += 3) {
              for (int x = 0; x < SIDE; x += 5) {
                for (int c = 0; c < 3; c++) {
                  assertThat(images.getByte(i, y, x, c))
                      .isEqualTo(want[((i * SIDE + y) * SIDE + x) * 3 + c]);
                }
              }
            }
            assertThat(tensors.labels().getLong(i)).isEqualTo(batch.label(i));
          }
          checkAgainstTensorFlow(session, batch, tensors, ElementType.UINT8);
          MemoryMetrics budget = pipelineBudget();
          long copyBytes = 8L * SIDE * SIDE * 3 + 8L * 8;
          assertThat(budget.outstandingPurposes())
              .contains(
                  "partial batch "
                      + batch.index()
                      + " copy (TensorFlow tensors) ("
                      + copyBytes
                      + " bytes)");
          long before = budget.usedBytes();
          TInt64 labels = tensors.labels();
          tensors.close();
          assertThat(budget.usedBytes()).isEqualTo(before - copyBytes);
          assertThatThrownBy(images::numBytes).isInstanceOf(IllegalStateException.class);
          assertThatThrownBy(labels::numBytes).isInstanceOf(IllegalStateException.class);
          assertThatThrownBy(tensors::images).isInstanceOf(IllegalStateException.class);
          // The batch itself is untouched by closing the wrapper.
          assertThat(batch.images().get(ValueLayout.JAVA_BYTE, 0)).isEqualTo(want[0]);
        }
      }
    }
    assertThat(sizes).containsExactly(16, 16, 8);
  }

  @Test
  void accessorsFailOnceTheBatchIsClosed() {
    try (TfRecordSource source = source();
        Pipeline pipeline = open(source, TensorBatchAllocator.create(), ElementType.FLOAT32, 8)) {
      Batch batch = pipeline.next();
      TensorBatch tensors = TensorBatch.of(batch);
      batch.close();
      assertThatThrownBy(tensors::images)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      tensors.close();
    }
  }

  @Test
  void aBatchFromAnotherAllocatorIsRefused() {
    try (TfRecordSource source = source();
        Pipeline pipeline = open(source, BatchAllocator.offHeap(), ElementType.FLOAT32, 8);
        Batch batch = pipeline.next()) {
      assertThatThrownBy(() -> TensorBatch.of(batch))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("(expected: a TensorBatchMemory");
    }
  }

  @Test
  void onlyUint8AndFloat32ImagesAreTensorSlabs() {
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20)) {
      BatchLayout layout = new BatchLayout(2, 4, 4, 3, ElementType.FLOAT64, ChannelOrder.NHWC);
      assertThatThrownBy(() -> TensorBatchAllocator.create().allocate(layout, budget, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "elementType=FLOAT64 (expected: UINT8 or FLOAT32 for TensorFlow image tensors)");
      assertThat(budget.usedBytes()).isZero();
    }
  }

  @Test
  void channelsFirstSlabsHaveTheChannelsFirstShapeAndAreZeroFilled() {
    try (MemoryBudget budget = MemoryBudget.create("test", 1 << 20)) {
      BatchLayout layout = new BatchLayout(2, 4, 5, 3, ElementType.FLOAT32, ChannelOrder.NCHW);
      try (TensorBatchMemory slab =
          (TensorBatchMemory) TensorBatchAllocator.create().allocate(layout, budget, 0)) {
        assertThat(slab.imageTensor().shape()).isEqualTo(Shape.of(2, 3, 4, 5));
        assertThat(slab.images().byteSize()).isEqualTo(2 * 3 * 4 * 5 * 4);
        assertThat(slab.labels().byteSize()).isEqualTo(16);
        assertThat(budget.usedBytes()).isEqualTo(2 * 3 * 4 * 5 * 4 + 16);
        Consumer<MemorySegment> allZero =
            s -> assertThat(s.toArray(ValueLayout.JAVA_BYTE)).containsOnly((byte) 0);
        allZero.accept(slab.images());
        allZero.accept(slab.labels());
      }
      assertThat(budget.usedBytes()).isZero();
    }
  }
}
