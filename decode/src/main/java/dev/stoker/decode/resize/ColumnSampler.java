package dev.stoker.decode.resize;

/**
 * The horizontal pass of bilinear and nearest resampling: one copied source row in, that row
 * sampled at the output columns out, as TensorFlow computes "top": {@code s[lo] + (s[lo + channels]
 * - s[lo]) · lerp} per channel, in float32, in that order (see {@link AxisTable}).
 *
 * <p>Two variants give bit-identical output: {@link ScalarColumnSampler}, plain Java that runs
 * everywhere, and {@code VectorColumnSampler}, which uses the Vector API where the JVM was started
 * with {@code --add-modules jdk.incubator.vector} and the CPU has vectors of 256 bits or more.
 * {@link #best()} picks one at run time.
 *
 * <p><b>Threading.</b> A sampler may keep tables of the image in progress: one per {@link Resizer},
 * never shared between threads.
 */
interface ColumnSampler {
  /** The fully qualified name of the Vector API variant, loaded only where its module exists. */
  String VECTOR_CLASS = "dev.stoker.decode.resize.VectorColumnSampler";

  /**
   * Called once per image, after {@code columns} has been built and before the first {@link
   * #sample}.
   *
   * @param columns the column table of the image
   * @param channels 1 or 3
   */
  void prepare(AxisTable columns, int channels);

  /**
   * Resamples one source row.
   *
   * @param row the source row from {@code columns.spanStart}, followed by at least {@link
   *     #rowSlack()} readable bytes
   * @param columns the column table passed to {@link #prepare}
   * @param channels 1 or 3
   * @param dst receives {@code columns.size · channels} values
   */
  void sample(byte[] row, AxisTable columns, int channels, float[] dst);

  /**
   * Returns how many bytes after the span this sampler may read.
   *
   * @return the slack the caller's row array must have
   */
  int rowSlack();

  /**
   * Returns whether this sampler uses the Vector API.
   *
   * @return {@code true} for the vector variant
   */
  boolean vectorised();

  /**
   * Returns the fastest sampler this JVM can run: the Vector API variant where the {@code
   * jdk.incubator.vector} module is in the boot layer and the CPU's preferred vectors are 256 bits
   * or wider, otherwise the scalar one.
   *
   * @return a new sampler, owned by the caller
   */
  static ColumnSampler best() {
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      try {
        Object sampler = Class.forName(VECTOR_CLASS).getMethod("createIfSupported").invoke(null);
        if (sampler instanceof ColumnSampler s) {
          return s;
        }
      } catch (ReflectiveOperationException | LinkageError e) {
        // The module is present but unusable here: the scalar kernel gives the same output.
      }
    }
    return new ScalarColumnSampler();
  }
}
