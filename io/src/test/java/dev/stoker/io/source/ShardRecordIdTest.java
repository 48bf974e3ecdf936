package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardRecordIdTest {
  @Test
  void theShardIsInTheHighBitsAndTheRecordInTheLow() {
    assertThat(ShardRecordId.of(0, 0)).isZero();
    assertThat(ShardRecordId.of(1, 0)).isEqualTo(4_294_967_296L);
    assertThat(ShardRecordId.of(2, 7)).isEqualTo(8_589_934_599L);
    long last = ShardRecordId.of(Integer.MAX_VALUE, 4_294_967_295L);
    assertThat(last).isEqualTo(Long.MAX_VALUE);
    assertThat(ShardRecordId.shard(last)).isEqualTo(Integer.MAX_VALUE);
    assertThat(ShardRecordId.record(last)).isEqualTo(4_294_967_295L);
    assertThat(ShardRecordId.shard(8_589_934_599L)).isEqualTo(2);
    assertThat(ShardRecordId.record(8_589_934_599L)).isEqualTo(7);
  }

  @Test
  void aRecordPastTwoToThe32OrANegativeShardIsRefused() {
    assertThatThrownBy(() -> ShardRecordId.of(3, 4_294_967_296L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shard=3, record=4294967296 (expected: shard >= 0, record in [0, 2^32))");
    assertThatThrownBy(() -> ShardRecordId.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
