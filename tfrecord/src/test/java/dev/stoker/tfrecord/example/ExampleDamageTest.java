package dev.stoker.tfrecord.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stoker.tfrecord.TestData;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.Example;

/**
 * Seeded bit flips and truncations of real Examples: our reader throws only {@link
 * InvalidExampleException}, and wherever protobuf-java accepts the damaged payload, our reader,
 * writer and printer agree with it.
 */
class ExampleDamageTest {
  @Test
  void damagedExamplesFailCleanlyOrAgreeWithProtobuf() throws IOException {
    List<byte[]> payloads = TestData.payloads("tfrecord/small.tfrecord");
    payloads.addAll(TestData.payloads("tfrecord/images-00000-of-00004.tfrecord"));
    SplittableRandom random = new SplittableRandom(42);
    int agreed = 0;
    int rejected = 0;
    for (int trial = 0; trial < 3000; trial++) {
      byte[] original = payloads.get(random.nextInt(payloads.size()));
      if (original.length == 0) {
        continue;
      }
      byte[] damaged;
      if (trial % 4 == 0) {
        damaged = java.util.Arrays.copyOf(original, random.nextInt(original.length));
      } else {
        damaged = original.clone();
        damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
      }
      boolean protobufAccepts;
      try {
        protobufAccepts = Example.parseFrom(damaged).isInitialized();
      } catch (InvalidProtocolBufferException e) {
        protobufAccepts = false;
      }
      if (protobufAccepts) {
        ExampleProtobufTest.assertAgrees(damaged);
        agreed++;
      } else {
        try {
          ExampleReader reader = new ExampleReader().wrap(MemorySegment.ofArray(damaged));
          FeatureView view = new FeatureView();
          for (int i = 0; i < reader.entryCount(); i++) {
            reader.entry(i, view);
          }
        } catch (InvalidExampleException e) {
          rejected++;
        }
      }
    }
    assertThat(agreed).isPositive();
    assertThat(rejected).isPositive();
  }
}
