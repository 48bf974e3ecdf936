package dev.stoker.bench;

import dev.stoker.core.error.SamplePosition;
import dev.stoker.pipeline.EncodedSample;
import java.lang.foreign.MemorySegment;

/**
 * A corpus image seen as the pipeline's workers see a sample, for kernel benchmarks that drive a
 * {@link dev.stoker.pipeline.SampleProcessor} without a pipeline. Each {@link #next} moves to the
 * corpus's next image with a new sample id, so augmentation draws change from call to call.
 */
final class CorpusSample implements EncodedSample {
  private MemorySegment bytes = MemorySegment.NULL;
  private long id;

  void next(JpegCorpus corpus) {
    bytes = corpus.next();
    id++;
  }

  @Override
  public long sampleId() {
    return id;
  }

  @Override
  public long epoch() {
    return 0;
  }

  @Override
  public long label() {
    return 0;
  }

  @Override
  public MemorySegment bytes() {
    return bytes;
  }

  @Override
  public String source() {
    return "corpus";
  }

  @Override
  public SamplePosition position() {
    return SamplePosition.wholeFile();
  }
}
