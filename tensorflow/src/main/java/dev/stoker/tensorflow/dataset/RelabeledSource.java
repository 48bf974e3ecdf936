package dev.stoker.tensorflow.dataset;

import dev.stoker.core.error.SamplePosition;
import dev.stoker.core.memory.MemoryBudget;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A source whose labels are replaced: by sample id ({@code labels[id]}, Keras' explicit {@code
 * labels} list) or through a class reordering ({@code order[label]}, Keras' {@code class_names}).
 * Everything else is the wrapped source's. Closing it closes the wrapped source.
 *
 * <p><b>Ownership and threading.</b> As {@link Source}: thread-safe, the caller closes it.
 */
final class RelabeledSource implements Source {
  private final Source source;
  private final List<String> labelNames;
  private final long[] byId;
  private final boolean bySampleId;

  private RelabeledSource(Source source, List<String> labelNames, long[] byId, boolean bySampleId) {
    this.source = source;
    this.labelNames = List.copyOf(labelNames);
    this.byId = byId;
    this.bySampleId = bySampleId;
  }

  /** Labels by sample id: {@code labels[id]} is sample {@code id}'s new label. */
  static RelabeledSource bySampleId(Source source, List<String> labelNames, long[] labels) {
    return new RelabeledSource(source, labelNames, labels, true);
  }

  /** Labels through a mapping: {@code order[old]} is the new label of old label {@code old}. */
  static RelabeledSource byLabel(Source source, List<String> labelNames, long[] order) {
    return new RelabeledSource(source, labelNames, order, false);
  }

  /** Returns the wrapped source. */
  Source delegate() {
    return source;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public List<String> labelNames() {
    return labelNames;
  }

  @Override
  public OptionalLong sampleCount() {
    return source.sampleCount();
  }

  @Override
  public boolean isRandomAccess() {
    return source.isRandomAccess();
  }

  @Override
  public SampleStream open(Cursor cursor, Sharding sharding, EpochOrder order) throws IOException {
    return relabel(source.open(cursor, sharding, order));
  }

  @Override
  public SampleStream open(
      Cursor cursor, Sharding sharding, EpochOrder order, @Nullable MemoryBudget budget)
      throws IOException {
    return relabel(source.open(cursor, sharding, order, budget));
  }

  private SampleStream relabel(SampleStream stream) {
    return new SampleStream() {
      @Override
      public boolean next() throws IOException {
        return stream.next();
      }

      @Override
      public long size() {
        return stream.size();
      }

      @Override
      public long position() {
        return stream.position();
      }

      @Override
      public long sampleId() {
        return stream.sampleId();
      }

      @Override
      public long label() {
        return bySampleId
            ? byId[Math.toIntExact(stream.sampleId())]
            : byId[Math.toIntExact(stream.label())];
      }

      @Override
      public MemorySegment bytes() {
        return stream.bytes();
      }

      @Override
      public String source() {
        return stream.source();
      }

      @Override
      public SamplePosition samplePosition() {
        return stream.samplePosition();
      }

      @Override
      public void close() throws IOException {
        stream.close();
      }
    };
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
