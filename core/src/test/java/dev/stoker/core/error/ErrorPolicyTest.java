package dev.stoker.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorPolicyTest {

  @Test
  void failFastThrowsWithSourcePositionAndReason() {
    IOException cause = new IOException("data CRC mismatch");
    SampleError error = SampleError.of("shard-3.tfrecord", SamplePosition.offset(1234), cause);
    SampleErrorLog log = new SampleErrorLog();
    assertThatThrownBy(() -> ErrorPolicy.FAIL_FAST.handle(error, log))
        .isInstanceOf(SampleException.class)
        .hasMessage("shard-3.tfrecord at offset 1234: data CRC mismatch")
        .hasCause(cause)
        .satisfies(e -> assertThat(((SampleException) e).error()).isSameAs(error));
    assertThat(log.count()).isZero();
  }

  @Test
  void skipCountsEveryErrorAndKeepsTheFirstInFull() {
    SampleErrorLog log = new SampleErrorLog(3);
    for (int row = 0; row < 10; row++) {
      ErrorPolicy.SKIP_AND_REPORT.handle(
          new SampleError("train.parquet", SamplePosition.row(row), "image.bytes is NULL", null),
          log);
    }
    assertThat(log.count()).isEqualTo(10);
    assertThat(log.errors())
        .extracting(SampleError::toString)
        .containsExactly(
            "train.parquet at row 0: image.bytes is NULL",
            "train.parquet at row 1: image.bytes is NULL",
            "train.parquet at row 2: image.bytes is NULL");
  }

  @Test
  void positionsPrintWhatTheyCount() {
    assertThat(SamplePosition.offset(7)).hasToString("offset 7");
    assertThat(SamplePosition.row(0)).hasToString("row 0");
    assertThat(SamplePosition.wholeFile()).hasToString("whole file");
    assertThatThrownBy(() -> SamplePosition.row(-1)).hasMessage("value=-1 (expected: >= 0)");
  }
}
