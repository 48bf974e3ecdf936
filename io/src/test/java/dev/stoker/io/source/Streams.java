package dev.stoker.io.source;

import dev.stoker.io.Cursor;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Drains streams into plain records for assertions. */
final class Streams {
  private Streams() {}

  /** One delivered sample, copied. */
  record Sample(long id, long label, String hex, String source, String position) {
    byte[] bytes() {
      return HexFormat.of().parseHex(hex);
    }
  }

  static Sample current(SampleStream s) {
    return new Sample(
        s.sampleId(),
        s.label(),
        HexFormat.of().formatHex(s.bytes().toArray(ValueLayout.JAVA_BYTE)),
        s.source(),
        s.samplePosition().toString());
  }

  /** Reads the rest of a stream; bad samples fail the test. */
  static List<Sample> drain(SampleStream s) throws IOException {
    List<Sample> out = new ArrayList<>();
    while (s.next()) {
      out.add(current(s));
    }
    return out;
  }

  static List<Sample> read(Source source, Cursor cursor, Sharding sharding) throws IOException {
    try (SampleStream s = source.open(cursor, sharding)) {
      return drain(s);
    }
  }

  /** Reads a stream, collecting errors that the stream can read past. */
  static List<Object> readSkipping(Source source, Cursor cursor, Sharding sharding)
      throws IOException {
    List<Object> out = new ArrayList<>();
    try (SampleStream s = source.open(cursor, sharding)) {
      while (true) {
        try {
          if (!s.next()) {
            return out;
          }
          out.add(current(s));
        } catch (SampleReadException e) {
          out.add(e);
          if (!e.canContinue()) {
            return out;
          }
        }
      }
    }
  }
}
