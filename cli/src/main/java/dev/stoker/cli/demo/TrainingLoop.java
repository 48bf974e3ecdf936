package dev.stoker.cli.demo;

import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.tensorflow.TensorBatch;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Runs {@link SmallCnn} in a TensorFlow {@link Session} over batches from Stoker pipelines.
 *
 * <p>Each batch goes to the session as the tensors its slab already is ({@link TensorBatch}: no
 * copy for full batches; the pipelines must be built with {@code TensorBatchAllocator}). The
 * session run finishes before the batch is closed, as the lent tensors require.
 *
 * <p><b>Ownership and threading.</b> The creator owns the graph and session and closes them with
 * {@link #close()}; one thread at a time.
 */
final class TrainingLoop implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final SmallCnn model;
  private long viewBatches;
  private long copiedBatches;

  /**
   * Builds the model and opens a session.
   *
   * @param size the images' side in pixels, a multiple of 8
   * @param classes the number of classes
   * @param learningRate Adam's step size
   * @param seed the seed of the initial weights
   */
  TrainingLoop(int size, int classes, float learningRate, long seed) {
    Graph g = new Graph();
    try {
      this.model = new SmallCnn(g, size, classes, learningRate, seed);
      this.session = new Session(g);
      this.graph = g;
      session.initialize();
    } catch (RuntimeException | Error e) {
      g.close();
      throw e;
    }
  }

  /**
   * Trains on the next {@code batches} batches of a pipeline.
   *
   * @param pipeline the training pipeline
   * @param batches how many batches make one epoch
   * @return the epoch's mean loss and accuracy, measured on each batch before its update
   */
  PassResult train(Pipeline pipeline, long batches) {
    return pass(pipeline, batches, true);
  }

  /**
   * Evaluates on every remaining batch of a pipeline, without changing the weights.
   *
   * @param pipeline the evaluation pipeline
   * @return the mean loss and accuracy
   */
  PassResult evaluate(Pipeline pipeline) {
    return pass(pipeline, Long.MAX_VALUE, false);
  }

  private PassResult pass(Pipeline pipeline, long batches, boolean train) {
    long samples = 0;
    double lossSum = 0;
    double correct = 0;
    for (long b = 0; b < batches && pipeline.hasNext(); b++) {
      try (Batch batch = pipeline.next();
          TensorBatch tensors = TensorBatch.of(batch)) {
        if (tensors.isView()) {
          viewBatches++;
        } else {
          copiedBatches++;
        }
        Session.Runner runner =
            session
                .runner()
                .feed(model.images(), tensors.images(TFloat32.class))
                .feed(model.labels(), tensors.labels())
                .fetch(model.loss())
                .fetch(model.accuracy());
        if (train) {
          runner.addTarget(model.train());
        }
        try (Result result = runner.run()) {
          int n = tensors.size();
          lossSum += n * (double) ((TFloat32) result.get(0)).getFloat();
          correct += n * (double) ((TFloat32) result.get(1)).getFloat();
          samples += n;
        }
      }
    }
    return samples == 0
        ? new PassResult(0, Double.NaN, Double.NaN)
        : new PassResult(samples, lossSum / samples, correct / samples);
  }

  /**
   * Returns how many batches reached the session as their slab's own tensors, without a copy.
   *
   * @return the count so far, training and evaluation
   */
  long viewBatches() {
    return viewBatches;
  }

  /**
   * Returns how many batches were copied into new tensors: each pass's partial last batch.
   *
   * @return the count so far, training and evaluation
   */
  long copiedBatches() {
    return copiedBatches;
  }

  /** Closes the session, then the graph. */
  @Override
  public void close() {
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
