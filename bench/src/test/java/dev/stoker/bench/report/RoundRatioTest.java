package dev.stoker.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRatioTest {
  @Test
  void theMedianOfTheRoundsWithTheirSpread() {
    RoundRatio r = RoundRatio.of("G", 1.25, List.of(1.4, 1.3, 1.6));
    assertThat(r.median()).isEqualTo(1.4);
    assertThat(r.min()).isEqualTo(1.3);
    assertThat(r.max()).isEqualTo(1.6);
    assertThat(r.rounds()).isEqualTo(3);
    assertThat(RoundRatio.of("G", 1, List.of(2.0, 1.0, 4.0, 3.0)).median()).isEqualTo(2.5);
  }

  @Test
  void aTargetIsMetOnlyWhenEveryRoundReachesIt() {
    assertThat(RoundRatio.of("G", 1.25, List.of(1.26, 1.3, 1.25)).verdict()).isEqualTo("met");
    assertThat(RoundRatio.of("G", 1.25, List.of(1.2, 1.3, 1.4)).verdict())
        .isEqualTo("not established");
    assertThat(RoundRatio.of("G", 1.25, List.of(1.2, 1.1, 1.24)).verdict()).isEqualTo("missed");
    assertThat(RoundRatio.of("G", 1.25, List.of()).verdict()).isEqualTo("not measured");
  }

  @Test
  void aCeilingTargetIsMetOnlyWhenEveryValueStaysWithinIt() {
    assertThat(RoundRatio.atMost("stall", 1.0, List.of(0.2, 1.0, 0.5)).verdict()).isEqualTo("met");
    assertThat(RoundRatio.atMost("stall", 1.0, List.of(0.2, 1.5, 0.5)).verdict())
        .isEqualTo("not established");
    assertThat(RoundRatio.atMost("stall", 1.0, List.of(1.2, 3.0)).verdict()).isEqualTo("missed");
    assertThat(RoundRatio.atMost("stall", 1.0, List.of()).verdict()).isEqualTo("not measured");
    RoundRatio r = RoundRatio.atMost("stall", 1.0, List.of(0.4, 0.1, 0.7));
    assertThat(r.median()).isEqualTo(0.4);
    assertThat(r.min()).isEqualTo(0.1);
    assertThat(r.max()).isEqualTo(0.7);
  }
}
