package example;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.tensorflow.TensorBatch;
import dev.stoker.tensorflow.TensorBatchAllocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The README's training step: a folder of JPEGs, one sub-folder per class, through a Stoker
 * pipeline into a TensorFlow session that takes one gradient-descent step per batch. The model is
 * a single weight that predicts the label from an image's mean pixel: small enough to read, real
 * enough that the loss moves.
 */
public final class Train {
  public static final int SIDE = 32;

  private Train() {}

  /** Trains for at most {@code maxBatches} batches and returns each step's loss. */
  public static List<Float> train(Path folder, int maxBatches) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images =
          tf.withName("images")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 3)));
      Placeholder<TInt64> labels =
          tf.withName("labels").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      Variable<TFloat32> weight = tf.withName("weight").variable(tf.constant(0f));
      Operand<TFloat32> brightness = tf.math.mean(images, tf.constant(new int[] {1, 2, 3}));
      Operand<TFloat32> error =
          tf.math.sub(tf.math.mul(brightness, weight), tf.dtypes.cast(labels, TFloat32.class));
      Operand<TFloat32> loss =
          tf.withName("loss").math.mean(tf.math.square(error), tf.constant(0));
      Gradients gradients = tf.gradients(loss, List.of(weight));
      Operand<TFloat32> dWeight = gradients.dy(0);
      tf.withName("step").train.applyGradientDescent(weight, tf.constant(1e-5f), dWeight);

      List<Float> losses = new ArrayList<>();
      try (Session session = new Session(graph);
          FolderSource source = FolderSource.open(FolderOptions.builder(folder.toString()).build());
          Pipeline pipeline =
              Pipeline.open(
                  PipelineOptions.builder()
                      .source(source)
                      .processor(
                          ImageSampleProcessor.factory(
                              Augmentation.builder().add(new Resize(SIDE, SIDE)).build(),
                              DecodeOptions.defaults()))
                      .imageSize(SIDE, SIDE)
                      .elementType(ElementType.FLOAT32)
                      .batchSize(4)
                      .workers(2)
                      .epochs(1)
                      .seed(42)
                      .allocator(TensorBatchAllocator.create()) // slabs that are tensors: no copy
                      .build())) {
        session.initialize();
        while (pipeline.hasNext() && losses.size() < maxBatches) {
          try (Batch batch = pipeline.next();
              TensorBatch tensors = TensorBatch.of(batch);
              Result result =
                  session
                      .runner()
                      .feed("images", tensors.images())
                      .feed("labels", tensors.labels())
                      .addTarget("step")
                      .fetch("loss")
                      .run()) {
            losses.add(((TFloat32) result.get(0)).getFloat());
          }
        }
      }
      return losses;
    }
  }

  /** Trains on the folder given as the first argument and prints each step's loss. */
  public static void main(String[] args) throws IOException {
    for (float loss : train(Path.of(args[0]), Integer.MAX_VALUE)) {
      System.out.println("loss " + loss);
    }
  }
}
