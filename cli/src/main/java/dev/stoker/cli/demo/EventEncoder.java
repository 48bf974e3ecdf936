package dev.stoker.cli.demo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the two kinds of {@code tensorflow.Event} protobuf message that TensorBoard needs for
 * scalar charts, in protobuf's wire format, without a protobuf runtime.
 *
 * <pre>
 *   Event                        (tensorflow/core/util/event.proto, proto3)
 *     1  wall_time     double    fixed64, tag 0x09   omitted when 0
 *     2  step          int64     varint,  tag 0x10   omitted when 0
 *     3  file_version  string    bytes,   tag 0x1A   (oneof what)
 *     5  summary       Summary   bytes,   tag 0x2A   (oneof what)
 *   Summary
 *     1  value         repeated Summary.Value, tag 0x0A
 *   Summary.Value
 *     1  tag           string    bytes,   tag 0x0A
 *     2  simple_value  float     fixed32, tag 0x15   (oneof value: written even when 0)
 * </pre>
 *
 * <p>Fields are written in field-number order and proto3 defaults are left out, as protobuf-java
 * does, so the bytes equal {@code Event.toByteArray()} for the same message.
 */
final class EventEncoder {
  /** The version string TensorBoard expects in a file's first event. */
  static final String FILE_VERSION = "brain.Event:2";

  private EventEncoder() {}

  /**
   * Encodes the event that opens every event file.
   *
   * @param wallTime seconds since the epoch
   * @return {@code Event{wall_time, file_version: "brain.Event:2"}}
   */
  static byte[] fileVersion(double wallTime) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32);
    header(out, wallTime, 0);
    bytesField(out, 0x1A, FILE_VERSION.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Encodes one scalar summary.
   *
   * @param wallTime seconds since the epoch
   * @param step the step (the demo uses the epoch)
   * @param tag the chart's name, such as {@code epoch_loss}
   * @param value the value
   * @return {@code Event{wall_time, step, summary{value{tag, simple_value}}}}
   */
  static byte[] scalar(double wallTime, long step, String tag, float value) {
    ByteArrayOutputStream summaryValue = new ByteArrayOutputStream(32);
    bytesField(summaryValue, 0x0A, tag.getBytes(StandardCharsets.UTF_8));
    summaryValue.write(0x15);
    fixed32(summaryValue, Float.floatToRawIntBits(value));
    ByteArrayOutputStream summary = new ByteArrayOutputStream(40);
    bytesField(summary, 0x0A, summaryValue.toByteArray());
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    header(out, wallTime, step);
    bytesField(out, 0x2A, summary.toByteArray());
    return out.toByteArray();
  }

  private static void header(ByteArrayOutputStream out, double wallTime, long step) {
    long bits = Double.doubleToRawLongBits(wallTime);
    if (bits != 0) {
      out.write(0x09);
      fixed32(out, (int) bits);
      fixed32(out, (int) (bits >>> 32));
    }
    if (step != 0) {
      out.write(0x10);
      varint(out, step);
    }
  }

  private static void bytesField(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    varint(out, value.length);
    out.writeBytes(value);
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static void fixed32(ByteArrayOutputStream out, int value) {
    out.write(value);
    out.write(value >>> 8);
    out.write(value >>> 16);
    out.write(value >>> 24);
  }
}
