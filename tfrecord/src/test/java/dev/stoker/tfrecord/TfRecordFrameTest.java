package dev.stoker.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class TfRecordFrameTest {
  @Test
  void maskFollowsTheFormulaAndUnmaskReversesIt() {
    int[] samples = {0, 1, -1, 0x12345678, 0xe3069283, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int crc : samples) {
      long expected = ((Integer.toUnsignedLong(crc) >>> 15) | (Integer.toUnsignedLong(crc) << 17));
      expected = (expected + 0xa282ead8L) & 0xffffffffL;
      assertThat(Integer.toUnsignedLong(TfRecordFrame.mask(crc))).isEqualTo(expected);
      assertThat(TfRecordFrame.unmask(TfRecordFrame.mask(crc))).isEqualTo(crc);
    }
  }

  @Test
  void crc32cCheckValueIsTheCastagnoliOne() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    int masked = TfRecordFrame.maskedCrc(new CRC32C(), check, 0, check.length);
    assertThat(TfRecordFrame.unmask(masked)).isEqualTo(0xe3069283);
    assertThat(TfRecordFrame.maskedCrc(new CRC32C(), ByteBuffer.wrap(check))).isEqualTo(masked);
  }

  @Test
  void lengthCrcTableAgreesWithTheJdkOnRandomLengths() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    CRC32C crc = new CRC32C();
    byte[] bytes = new byte[8];
    for (int i = 0; i < 10_000; i++) {
      long length = i < 100 ? i : random.nextLong();
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
      assertThat(TfRecordFrame.maskedLengthCrc(length))
          .isEqualTo(TfRecordFrame.maskedCrc(crc, bytes, 0, 8));
    }
  }

  @Test
  void firstFrameOfATensorFlowFileMatchesTheLayout() throws Exception {
    byte[] file = Files.readAllBytes(TestData.file("tfrecord/small.tfrecord"));
    ByteBuffer bb = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    long length = bb.getLong(TfRecordFrame.LENGTH_OFFSET);
    assertThat(length).isEqualTo(121); // manifest: record 0 has length 121
    CRC32C crc = new CRC32C();
    assertThat(TfRecordFrame.maskedCrc(crc, file, 0, 8))
        .isEqualTo(bb.getInt(TfRecordFrame.LENGTH_CRC_OFFSET));
    assertThat(TfRecordFrame.maskedCrc(crc, file, TfRecordFrame.PAYLOAD_OFFSET, (int) length))
        .isEqualTo(bb.getInt((int) TfRecordFrame.footerOffset(length)));
    assertThat(TfRecordFrame.frameLength(length)).isEqualTo(137); // record 1's offset
  }
}
