package dev.stoker.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma and Ba, 2015) written with TensorFlow's raw {@code ApplyAdam} op, one per variable,
 * with the usual defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-7.
 *
 * <p>The updates run only once every gradient is computed (control dependencies), so that no update
 * changes a weight that the backward pass still reads.
 *
 * <p>Each variable gets two zero-initialised slots, the first and second moment estimates. The
 * bias-correction powers β₁ᵗ and β₂ᵗ are two scalar variables that the step multiplies by β₁ and β₂
 * after every variable is updated (a control dependency orders them), so the whole step is one
 * session target.
 */
final class AdamUpdate {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-7f;

  private final Ops tf;
  private final float learningRate;

  AdamUpdate(Ops tf, float learningRate) {
    this.tf = tf;
    this.learningRate = learningRate;
  }

  /**
   * Builds the step.
   *
   * @param variables the variables to train
   * @param gradients the loss's gradient with respect to each, in the same order
   * @return the target that runs one step
   */
  Op apply(List<Variable<TFloat32>> variables, Gradients gradients) {
    Operand<TFloat32> beta1 = tf.constant(BETA1);
    Operand<TFloat32> beta2 = tf.constant(BETA2);
    Variable<TFloat32> beta1Power = tf.variable(tf.constant(BETA1));
    Variable<TFloat32> beta2Power = tf.variable(tf.constant(BETA2));
    Operand<TFloat32> rate = tf.constant(learningRate);
    Operand<TFloat32> epsilon = tf.constant(EPSILON);
    // Every update waits for every gradient: the backward pass reads the variables in place, so
    // an update that ran while a lower layer's gradient was still being computed would change the
    // weights under it (a race that makes training silently non-reproducible).
    List<Operation> gradientOps = new ArrayList<>();
    for (Output<?> dy : gradients.dy()) {
      gradientOps.add(dy.op());
    }
    Ops afterGradients = tf.withControlDependencyOps(gradientOps);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> variable = variables.get(i);
      Operand<TFloat32> zeros = tf.zeros(tf.constant(variable.shape().asArray()), TFloat32.class);
      Variable<TFloat32> m = tf.variable(zeros);
      Variable<TFloat32> v = tf.variable(zeros);
      updates.add(
          afterGradients.train.applyAdam(
              variable,
              m,
              v,
              beta1Power,
              beta2Power,
              rate,
              beta1,
              beta2,
              epsilon,
              gradients.<TFloat32>dy(i)));
    }
    Ops after = tf.withControlDependencies(updates);
    Op nextBeta1 = after.assign(beta1Power, after.math.mul(beta1Power, beta1));
    Op nextBeta2 = after.assign(beta2Power, after.math.mul(beta2Power, beta2));
    return tf.withControlDependencies(List.of(nextBeta1, nextBeta2)).withName("train").noOp();
  }
}
