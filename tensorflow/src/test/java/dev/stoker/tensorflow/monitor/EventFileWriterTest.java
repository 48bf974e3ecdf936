package dev.stoker.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** The hand-written encoder against protobuf-java's encoding of the same {@code Event}. */
class EventEncoderTest {
  @Test
  void fileVersionEventEqualsProtobufJava() throws Exception {
    double wallTime = 1_795_697_793.294248;
    byte[] ours = EventEncoder.fileVersion(wallTime);
    Event expected =
        Event.newBuilder().setWallTime(wallTime).setFileVersion("brain.Event:2").build();
    assertThat(ours).isEqualTo(expected.toByteArray());
    assertThat(Event.parseFrom(ours).getFileVersion()).isEqualTo("brain.Event:2");
  }

  @ParameterizedTest
  @CsvSource({
    "1795697793.5, 0, epoch_loss, 1.25",
    "1795697793.5, 1, epoch_accuracy, 0.0",
    "0.0, 127, a, -3.5",
    "12.0, 128, validation/épreuve, 1e-30",
    "1.0, 300000, input_stall, 0.031",
    "1.0, 9223372036854775807, big_step, 3.4028235e38",
  })
  void scalarEventEqualsProtobufJava(double wallTime, long step, String tag, float value)
      throws Exception {
    byte[] ours = EventEncoder.scalar(wallTime, step, tag, value);
    Event expected =
        Event.newBuilder()
            .setWallTime(wallTime)
            .setStep(step)
            .setSummary(
                Summary.newBuilder()
                    .addValue(Summary.Value.newBuilder().setTag(tag).setSimpleValue(value)))
            .build();
    assertThat(ours).isEqualTo(expected.toByteArray());
    Event parsed = Event.parseFrom(ours);
    assertThat(parsed.getStep()).isEqualTo(step);
    assertThat(parsed.getSummary().getValue(0).getTag()).isEqualTo(tag);
    assertThat(parsed.getSummary().getValue(0).getSimpleValue()).isEqualTo(value);
  }

  @Test
  void negativeStepIsATenByteVarintAsInProtobuf() throws Exception {
    byte[] ours = EventEncoder.scalar(2.0, -1, "x", 1f);
    Event expected =
        Event.newBuilder()
            .setWallTime(2.0)
            .setStep(-1)
            .setSummary(
                Summary.newBuilder()
                    .addValue(Summary.Value.newBuilder().setTag("x").setSimpleValue(1f)))
            .build();
    assertThat(ours).isEqualTo(expected.toByteArray());
  }
}
