package dev.stoker.tensorflow.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class EventFileWriterTest {
  @Test
  void firstEventIsTheFileVersionAndTheNameIsTensorFlows(@TempDir Path dir) throws Exception {
    try (EventFileWriter writer =
        EventFileWriter.create(dir.resolve("run"), 1_795_697_793.25, "h")) {
      assertThat(writer.path().getFileName().toString())
          .isEqualTo("events.out.tfevents.1795697793.h");
      List<Event> events = EventFiles.read(writer.path());
      assertThat(events).hasSize(1);
      assertThat(events.getFirst().getFileVersion()).isEqualTo("brain.Event:2");
      assertThat(events.getFirst().getWallTime()).isEqualTo(1_795_697_793.25);
    }
  }

  @Test
  void scalarsReachTheFileBeforeCloseWithTagStepAndValue(@TempDir Path dir) throws Exception {
    try (EventFileWriter writer = EventFileWriter.create(dir, 10.0, "host")) {
      Map<String, Double> scalars = new LinkedHashMap<>();
      scalars.put("epoch_loss", 1.25);
      scalars.put("validation/épreuve", 1e-30);
      writer.scalars(12.5, 3, scalars);
      writer.scalars(13.5, 300_000, Map.of("input_stall", 0.031));

      List<Event> events = EventFiles.read(writer.path());
      assertThat(events).hasSize(4);
      assertThat(events.subList(1, 4)).extracting(Event::getStep).containsExactly(3L, 3L, 300_000L);
      assertThat(events.subList(1, 4))
          .extracting(e -> e.getSummary().getValue(0).getTag())
          .containsExactly("epoch_loss", "validation/épreuve", "input_stall");
      Summary.Value first = events.get(1).getSummary().getValue(0);
      assertThat(first.getSimpleValue()).isEqualTo(1.25f);
      assertThat(events.get(2).getSummary().getValue(0).getSimpleValue()).isEqualTo(1e-30f);
      assertThat(events.get(3).getSummary().getValue(0).getSimpleValue()).isEqualTo(0.031f);
      assertThat(events.get(3).getWallTime()).isEqualTo(13.5);
    }
  }

  @Test
  void writingAfterCloseFailsNamingTheFile(@TempDir Path dir) throws Exception {
    EventFileWriter writer = EventFileWriter.create(dir, 1.0, "host");
    writer.close();
    writer.close();
    assertThatThrownBy(() -> writer.scalars(1.0, 0, Map.of("x", 1.0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(writer.path().toString());
  }

  @Test
  void aHostWithASlashIsRefused(@TempDir Path dir) {
    assertThatThrownBy(() -> EventFileWriter.create(dir, 1.0, "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host=a/b (expected: a name without '/')");
  }
}
