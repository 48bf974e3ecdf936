package dev.stoker.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JPEGs of a corpus folder loaded into native memory once per trial, as the pipeline's ring
 * slots hold them, handed out round-robin. Owned by one benchmark state; {@link #close()} frees it.
 */
final class JpegCorpus implements AutoCloseable {
  private final Arena arena = Arena.ofShared();
  private final MemorySegment[] files;
  private int next;

  JpegCorpus(String folder) throws IOException {
    this(read(folder));
  }

  /** Copies encoded images, held in the heap, into native memory. */
  JpegCorpus(List<byte[]> images) {
    files = new MemorySegment[images.size()];
    for (int i = 0; i < files.length; i++) {
      byte[] bytes = images.get(i);
      MemorySegment seg = arena.allocate(bytes.length, 64);
      MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, 0, bytes.length);
      files[i] = seg;
    }
  }

  private static List<byte[]> read(String folder) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.list(Path.of(folder))) {
      paths = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    if (paths.isEmpty()) {
      throw new IOException("no .jpg files in " + Path.of(folder).toAbsolutePath());
    }
    List<byte[]> images = new ArrayList<>(paths.size());
    for (Path p : paths) {
      images.add(Files.readAllBytes(p));
    }
    return images;
  }

  int size() {
    return files.length;
  }

  MemorySegment get(int i) {
    return files[i];
  }

  MemorySegment next() {
    MemorySegment f = files[next];
    next = next + 1 == files.length ? 0 : next + 1;
    return f;
  }

  @Override
  public void close() {
    arena.close();
  }
}
