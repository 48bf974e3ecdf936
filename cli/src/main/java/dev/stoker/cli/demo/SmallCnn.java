package dev.stoker.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.SoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The demo's classifier as a TensorFlow graph built with raw {@link Ops}: three blocks of 3×3
 * convolution, bias, ReLU and 2×2 max-pooling, then a 64-unit dense layer and a dense layer with
 * one logit per class; softmax cross-entropy against one-hot labels; gradients from {@link
 * Ops#gradients}; and {@link AdamUpdate} on every variable.
 *
 * <pre>
 *   images [n,S,S,3] ─► conv 16 ─► pool ─► conv 32 ─► pool ─► conv 64 ─► pool ─► dense 64 ─► dense K
 *                                                                                      │
 *   labels [n] ─► one-hot ──────────────────────────────────────────► cross-entropy ◄──┘ ─► loss
 * </pre>
 *
 * <p>The weights start from He-normal values drawn from a {@link SplittableRandom} seeded with the
 * demo's seed, so the starting point is the same on every run. The graph belongs to the caller;
 * this type only holds handles into it.
 */
final class SmallCnn {
  private static final int[] FILTERS = {16, 32, 64};
  private static final int HIDDEN = 64;

  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt64> labels;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> accuracy;
  private final Op train;

  /**
   * Builds the model, its loss and its training step into a graph.
   *
   * @param graph the graph to build into, owned by the caller
   * @param size the images' side in pixels; a multiple of 8
   * @param classes the number of classes
   * @param learningRate Adam's step size
   * @param seed the seed of the initial weights
   */
  SmallCnn(Graph graph, int size, int classes, float learningRate, long seed) {
    Ops tf = Ops.create(graph);
    SplittableRandom random = new SplittableRandom(seed);
    List<Variable<TFloat32>> variables = new ArrayList<>();
    images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
    labels = tf.withName("labels").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> x = images;
    long channels = 3;
    Operand<TInt32> window = tf.constant(new int[] {1, 2, 2, 1});
    for (int filters : FILTERS) {
      Variable<TFloat32> kernel =
          weight(tf, random, Shape.of(3, 3, channels, filters), 9 * channels, variables);
      Variable<TFloat32> bias = zeros(tf, Shape.of(filters), variables);
      x = tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
      x = tf.nn.relu(tf.nn.biasAdd(x, bias));
      x = tf.nn.maxPool(x, window, window, "VALID");
      channels = filters;
    }
    long side = size / 8;
    long flat = side * side * channels;
    x = tf.reshape(x, tf.constant(new long[] {-1, flat}));
    Variable<TFloat32> w1 = weight(tf, random, Shape.of(flat, HIDDEN), flat, variables);
    Variable<TFloat32> b1 = zeros(tf, Shape.of(HIDDEN), variables);
    x = tf.nn.relu(tf.nn.biasAdd(tf.linalg.matMul(x, w1), b1));
    Variable<TFloat32> w2 = weight(tf, random, Shape.of(HIDDEN, classes), HIDDEN, variables);
    Variable<TFloat32> b2 = zeros(tf, Shape.of(classes), variables);
    Operand<TFloat32> logits = tf.nn.biasAdd(tf.linalg.matMul(x, w2), b2);

    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    SoftmaxCrossEntropyWithLogits<TFloat32> crossEntropy =
        tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot);
    loss = tf.withName("loss").math.mean(crossEntropy.loss(), tf.constant(0));
    Operand<TInt64> predicted = tf.math.argMax(logits, tf.constant(1));
    accuracy =
        tf.withName("accuracy")
            .math
            .mean(tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class), tf.constant(0));

    Gradients gradients = tf.gradients(loss, variables);
    train = new AdamUpdate(tf, learningRate).apply(variables, gradients);
  }

  private static Variable<TFloat32> weight(
      Ops tf, SplittableRandom random, Shape shape, long fanIn, List<Variable<TFloat32>> all) {
    float[] values = new float[(int) shape.size()];
    double std = Math.sqrt(2.0 / fanIn);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (gaussian(random) * std);
    }
    Variable<TFloat32> v = tf.variable(tf.constant(shape, DataBuffers.of(values, true, false)));
    all.add(v);
    return v;
  }

  private static Variable<TFloat32> zeros(Ops tf, Shape shape, List<Variable<TFloat32>> all) {
    Variable<TFloat32> v =
        tf.variable(tf.constant(shape, DataBuffers.of(new float[(int) shape.size()], true, false)));
    all.add(v);
    return v;
  }

  /** A standard normal value from two uniforms (Box–Muller), independent of the JDK's algorithm. */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The image placeholder: float32 {@code [n, size, size, 3]}. */
  Placeholder<TFloat32> images() {
    return images;
  }

  /** The label placeholder: int64 {@code [n]}. */
  Placeholder<TInt64> labels() {
    return labels;
  }

  /** The batch's mean cross-entropy. */
  Operand<TFloat32> loss() {
    return loss;
  }

  /** The batch's share of correct predictions. */
  Operand<TFloat32> accuracy() {
    return accuracy;
  }

  /** The target that applies one Adam step to every variable. */
  Op train() {
    return train;
  }
}
