package dev.stoker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.io.source.FolderOptions;
import dev.stoker.io.source.FolderSource;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader lends each ring slot to the folder stream, which reads the file straight into it.
 * Every file must still arrive whole, in its own slot, exactly once per epoch: with rings of 2 to
 * 16 slots, with workers slower than the reader (the ring runs full and the reader waits for room)
 * and faster, and when a slot grows for a file above {@link SampleSlot#SMALL_BYTES} and shrinks
 * back.
 */
class FolderIntoRingTest {
  private static final int FILES = 40;
  private static final long SEED = 7;

  @TempDir Path root;

  /** File {@code id} holds its id twice, as {@link SyntheticProcessor} checks, then padding. */
  private void writeFiles() throws IOException {
    Path dir = Files.createDirectories(root.resolve("a"));
    for (int id = 0; id < FILES; id++) {
      int size = id % 7 == 3 ? (int) SampleSlot.SMALL_BYTES + 40_000 : 16 + id;
      ByteBuffer bytes = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
      bytes.putLong(0, id).putLong(8, id);
      Files.write(dir.resolve("f%03d.bin".formatted(id)), bytes.array());
    }
  }

  @Test
  void everyFileArrivesWholeExactlyOncePerEpochWhateverTheRing() throws IOException {
    writeFiles();
    for (int ring : new int[] {2, 4, 16}) {
      for (long workerDelay : new long[] {0, 300_000}) {
        String name = "folder-ring-" + ring + "-" + workerDelay;
        TreeMap<Long, Set<Long>> seen = new TreeMap<>();
        try (FolderSource source =
                FolderSource.open(
                    FolderOptions.builder(root.toString()).extensions(List.of("bin")).build());
            Pipeline pipeline =
                Pipeline.open(
                    PipelineOptions.builder()
                        .name(name)
                        .source(source)
                        .processor(SyntheticProcessor.factory(workerDelay, Set.of()))
                        .imageSize(3, 4)
                        .channels(3)
                        .batchSize(6)
                        .workers(2)
                        .prefetchBatches(2)
                        .ringSlots(ring)
                        .epochs(2)
                        .seed(SEED)
                        .build())) {
          while (pipeline.hasNext()) {
            try (Batch batch = pipeline.next()) {
              long sampleBytes = batch.layout().sampleBytes();
              for (int i = 0; i < batch.size(); i++) {
                long id = batch.sampleId(i);
                assertThat(seen.computeIfAbsent(batch.epoch(), e -> new HashSet<>()).add(id))
                    .as("%s: sample %d delivered once in epoch %d", name, id, batch.epoch())
                    .isTrue();
                byte[] written =
                    batch
                        .images()
                        .asSlice(i * sampleBytes, sampleBytes)
                        .toArray(ValueLayout.JAVA_BYTE);
                assertThat(written)
                    .as("%s: sample %d", name, id)
                    .isEqualTo(
                        SyntheticProcessor.expected(batch.layout(), SEED, batch.epoch(), id));
              }
            }
          }
        }
        assertThat(seen.keySet()).as(name).containsExactly(0L, 1L);
        for (Set<Long> ids : seen.values()) {
          assertThat(ids).as(name).hasSize(FILES).allMatch(id -> id >= 0 && id < FILES);
        }
      }
    }
  }
}
