package dev.stoker.tensorflow.monitor;

import dev.stoker.tfrecord.TfRecordReader;
import dev.stoker.tfrecord.TfRecordReaderOptions;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.Event;

/** Reads an event file back: TFRecord framing with CRC checks, then protobuf-java's parser. */
final class EventFiles {
  private EventFiles() {}

  static List<Event> read(Path file) throws Exception {
    List<Event> events = new ArrayList<>();
    try (TfRecordReader reader = TfRecordReader.open(file, TfRecordReaderOptions.defaults())) {
      while (reader.next()) {
        events.add(Event.parseFrom(reader.record().toArray(ValueLayout.JAVA_BYTE)));
      }
    }
    return events;
  }
}
