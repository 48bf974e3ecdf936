package dev.stoker.bench.peer;

import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.op.io.ParseSingleExample;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorFlow's own input engine, tf.data, driven from Java through raw graph ops: the peer every
 * Stoker figure is measured against.
 *
 * <pre>
 *  TFRecordDataset (V1) ─► [Repeat] ─► ParallelMapDatasetV2 ─► BatchDatasetV2 ─► PrefetchDataset
 *                                       │ ParseSingleExample                        [─► ModelDataset]
 *                                       │ DecodeJpeg (channels 3)
 *                                       │ ResizeBilinear (half-pixel centres) ─► × 1/255
 * </pre>
 *
 * <p>This is what {@code tf.data.TFRecordDataset(files).map(parse, num_parallel_calls=N)
 * .batch(B).prefetch(P)} builds in Python. The framework's {@code TfRecordDataset} wrapper targets
 * the four-input V2 op, which TensorFlow 2.18 rejects from Java, so the reader op is built by name
 * with {@code opBuilder}. The map function is a {@link ConcreteFunction} attached to the graph.
 * With {@link TfDataOptions#parallelCalls()} = {@value TfDataOptions#AUTOTUNE} the graph ends in a
 * {@code ModelDataset}, as Python appends one, so tf.data's autotuner runs with a CPU budget of the
 * thread count.
 *
 * <p><b>Ownership and threading.</b> One thread builds, iterates and closes it. {@link #next()}
 * returns a {@link Result} the caller closes. {@link #close()} frees the session, the graph and the
 * function.
 */
public final class TfDataPipeline implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final ConcreteFunction parse;
  private final Output<?> next;
  private final TfDataOptions options;

  /**
   * What the map function does to one record's encoded JPEG: decode it and make the float32 {@code
   * size × size × 3} image. {@link #evaluation} is jobs G and P; {@link
   * TfResNetTraining#preprocess} is job T.
   */
  @FunctionalInterface
  public interface Preprocessing {
    /**
     * Builds the ops in the map function.
     *
     * @param tf the function's ops
     * @param encoded the JPEG, a string scalar
     * @param options the pipeline's options
     * @return the image, float32 {@code [size, size, 3]}
     */
    Operand<TFloat32> build(Ops tf, Operand<TString> encoded, TfDataOptions options);
  }

  private TfDataPipeline(TfDataOptions options, Preprocessing preprocessing) {
    this.options = options;
    this.graph = new Graph();
    ConcreteFunction fn = null;
    Session s = null;
    try {
      fn = ConcreteFunction.create(tf -> parseFunction(tf, options, preprocessing));
      graph.attachFunction(fn);
      Ops tf = Ops.create(graph);
      DataType[] types = {DataType.DT_FLOAT, DataType.DT_INT64};
      Shape[] elementShapes = {Shape.of(options.size(), options.size(), 3), Shape.scalar()};
      Shape[] batchShapes = {
        Shape.of(Shape.UNKNOWN_SIZE, options.size(), options.size(), 3),
        Shape.of(Shape.UNKNOWN_SIZE)
      };
      Output<?> records =
          graph
              .opBuilder("TFRecordDataset", "records", graph.baseScope())
              .addInput(tf.array(options.files().toArray(String[]::new)).asOutput())
              .addInput(tf.constant("").asOutput())
              .addInput(tf.constant(8L << 20).asOutput())
              .build()
              .output(0);
      Output<?> dataset = records;
      if (options.repeat()) {
        dataset =
            graph
                .opBuilder("RepeatDataset", "repeat", graph.baseScope())
                .addInput(dataset)
                .addInput(tf.constant(-1L).asOutput())
                .setAttr("output_types", new DataType[] {DataType.DT_STRING})
                .setAttr("output_shapes", new Shape[] {Shape.scalar()})
                .build()
                .output(0);
      }
      dataset =
          graph
              .opBuilder("ParallelMapDatasetV2", "map", graph.baseScope())
              .addInput(dataset)
              .addInputList(new Output<?>[0])
              .addInput(tf.constant((long) options.parallelCalls()).asOutput())
              .setAttr("f", fn)
              .setAttr("Targuments", new DataType[0])
              .setAttr("output_types", types)
              .setAttr("output_shapes", elementShapes)
              .setAttr("deterministic", "true")
              .setAttr("preserve_cardinality", true)
              .build()
              .output(0);
      dataset =
          graph
              .opBuilder("BatchDatasetV2", "batch", graph.baseScope())
              .addInput(dataset)
              .addInput(tf.constant((long) options.batch()).asOutput())
              .addInput(tf.constant(false).asOutput())
              .setAttr("output_types", types)
              .setAttr("output_shapes", batchShapes)
              .build()
              .output(0);
      dataset =
          graph
              .opBuilder("PrefetchDataset", "prefetch", graph.baseScope())
              .addInput(dataset)
              .addInput(tf.constant((long) options.prefetch()).asOutput())
              .setAttr("output_types", types)
              .setAttr("output_shapes", batchShapes)
              .build()
              .output(0);
      if (options.parallelCalls() == TfDataOptions.AUTOTUNE) {
        dataset =
            graph
                .opBuilder("ModelDataset", "model", graph.baseScope())
                .addInput(dataset)
                .setAttr("algorithm", 0L)
                .setAttr("cpu_budget", (long) options.threads())
                .setAttr("output_types", types)
                .setAttr("output_shapes", batchShapes)
                .build()
                .output(0);
      }
      Output<?> iterator =
          graph
              .opBuilder("Iterator", "iterator", graph.baseScope())
              .setAttr("shared_name", "")
              .setAttr("container", "")
              .setAttr("output_types", types)
              .setAttr("output_shapes", batchShapes)
              .build()
              .output(0);
      GraphOperation make =
          graph
              .opBuilder("MakeIterator", "make_iterator", graph.baseScope())
              .addInput(dataset)
              .addInput(iterator)
              .build();
      GraphOperation getNext =
          graph
              .opBuilder("IteratorGetNext", "next", graph.baseScope())
              .addInput(iterator)
              .setAttr("output_types", types)
              .setAttr("output_shapes", batchShapes)
              .build();
      this.next = getNext.output(0);
      ConfigProto config =
          ConfigProto.newBuilder()
              .setIntraOpParallelismThreads(options.threads())
              .setInterOpParallelismThreads(options.threads())
              .build();
      s = new Session(graph, config);
      s.runner().addTarget(make).run();
      this.session = s;
      this.parse = fn;
    } catch (RuntimeException e) {
      if (s != null) {
        s.close();
      }
      if (fn != null) {
        fn.close();
      }
      graph.close();
      throw e;
    }
  }

  /**
   * Builds the graph, opens a session and initialises the iterator. Nothing is decoded until the
   * first {@link #next()}, unless the prefetch buffer starts filling it (tf.data starts on the
   * first call).
   *
   * @param options the files and the configuration
   * @return the running pipeline
   */
  public static TfDataPipeline open(TfDataOptions options) {
    return new TfDataPipeline(options, TfDataPipeline::evaluation);
  }

  /**
   * Builds the graph with another map function, as {@link #open(TfDataOptions)} does.
   *
   * @param options the files and the configuration
   * @param preprocessing what the map does to each JPEG
   * @return the running pipeline
   */
  public static TfDataPipeline open(TfDataOptions options, Preprocessing preprocessing) {
    return new TfDataPipeline(options, preprocessing);
  }

  /**
   * Returns the options this pipeline was built with.
   *
   * @return the options
   */
  public TfDataOptions options() {
    return options;
  }

  /**
   * Returns the next batch: a {@code float32 [n, size, size, 3]} image tensor (index 0) and an
   * {@code int64 [n]} label tensor (index 1). Fails with TensorFlow's {@code OutOfRange} error
   * after the last batch when the dataset does not repeat.
   *
   * @return the batch, which the caller closes
   */
  public Result next() {
    return session.runner().fetch(next).fetch("next", 1).run();
  }

  private static Signature parseFunction(
      Ops tf, TfDataOptions options, Preprocessing preprocessing) {
    var record =
        tf.placeholder(TString.class, org.tensorflow.op.core.Placeholder.shape(Shape.scalar()));
    List<Operand<?>> defaults = List.of(tf.constant(""), tf.constant(0L));
    ParseSingleExample parsed =
        tf.io.parseSingleExample(
            record,
            defaults,
            0L,
            List.of(),
            List.of(options.imageKey(), options.labelKey()),
            List.of(),
            List.of(Shape.scalar(), Shape.scalar()));
    @SuppressWarnings("unchecked")
    Operand<TString> encoded = (Operand<TString>) parsed.denseValues().get(0);
    @SuppressWarnings("unchecked")
    Operand<TInt64> label = (Operand<TInt64>) parsed.denseValues().get(1);
    Operand<TFloat32> scaled = preprocessing.build(tf, encoded, options);
    return Signature.builder()
        .input("record", record)
        .output("image", scaled)
        .output("label", label)
        .build();
  }

  /**
   * Jobs G and P: {@code DecodeJpeg} (3 channels, the options' IDCT and ratio), bilinear resize
   * with half-pixel centres, × 1/255.
   *
   * @param tf the function's ops
   * @param encoded the JPEG
   * @param options the pipeline's options
   * @return the image
   */
  public static Operand<TFloat32> evaluation(
      Ops tf, Operand<TString> encoded, TfDataOptions options) {
    DecodeJpeg decoded =
        tf.image.decodeJpeg(
            encoded,
            DecodeJpeg.channels(3L),
            DecodeJpeg.dctMethod(options.dctMethod()),
            DecodeJpeg.ratio((long) options.ratio()));
    // As tf.image.resize does: add a batch axis of 1, resize, drop the axis.
    ResizeBilinear resized =
        tf.image.resizeBilinear(
            tf.expandDims(decoded, tf.constant(0)),
            tf.constant(new int[] {options.size(), options.size()}),
            ResizeBilinear.halfPixelCenters(true));
    Operand<TFloat32> image = tf.squeeze(resized, Squeeze.axis(List.of(0L)));
    Operand<TFloat32> scaled = tf.math.mul(image, tf.constant(1f / 255));
    return scaled;
  }

  @Override
  public void close() {
    try {
      session.close();
    } finally {
      try {
        parse.close();
      } finally {
        graph.close();
      }
    }
  }
}
