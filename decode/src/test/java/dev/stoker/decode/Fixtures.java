package dev.stoker.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loading files into native memory, as the pipeline's ring slots hold them. */
final class Fixtures {
  private Fixtures() {}

  static MemorySegment load(Path file, Arena arena) {
    try {
      return copy(Files.readAllBytes(file), arena);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MemorySegment copy(byte[] bytes, Arena arena) {
    MemorySegment seg = arena.allocate(Math.max(1, bytes.length));
    MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
    return seg.asSlice(0, bytes.length);
  }
}
