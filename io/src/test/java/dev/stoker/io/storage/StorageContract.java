package dev.stoker.io.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Storage} shares; each implementation adds the factory. */
abstract class StorageContract {
  byte[] content;
  String root;

  /** The storage under test. */
  abstract Storage storage();

  /** A new, empty directory for one test, in the storage's syntax. */
  abstract String newDirectory() throws IOException;

  /** Writes a file with the storage's native API. */
  abstract void write(String location, byte[] bytes) throws IOException;

  /** Creates a directory with the storage's native API. */
  abstract void mkdir(String location) throws IOException;

  String at(String name) {
    return root + "/" + name;
  }

  @BeforeEach
  void files() throws IOException {
    root = newDirectory();
    content = new byte[200_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + (i >>> 8));
    }
    write(at("b.bin"), content);
    write(at("a.txt"), new byte[] {1, 2, 3});
    write(at("train-00001.rec"), new byte[] {1});
    write(at("train-00000.rec"), new byte[] {2, 2});
    write(at("val-00000.rec"), new byte[] {3});
    mkdir(at("sub"));
  }

  @Test
  void listsChildrenSortedWithKindAndSize() throws IOException {
    List<StorageEntry> entries = storage().list(root);
    assertThat(entries)
        .extracting(StorageEntry::name)
        .containsExactly(
            "a.txt", "b.bin", "sub", "train-00000.rec", "train-00001.rec", "val-00000.rec");
    assertThat(entries.get(1).size()).isEqualTo(200_000);
    assertThat(entries.get(1).directory()).isFalse();
    assertThat(entries.get(2).directory()).isTrue();
    assertThat(storage().size(entries.get(0).location())).isEqualTo(3);
  }

  @Test
  void globMatchesTheLastElementSorted() throws IOException {
    List<String> shards = storage().glob(root + "/train-*.rec");
    assertThat(shards).hasSize(2);
    assertThat(shards.get(0)).endsWith("train-00000.rec");
    assertThat(shards.get(1)).endsWith("train-00001.rec");
    assertThat(storage().glob(root + "/{train,val}-00000.rec")).hasSize(2);
    assertThat(storage().glob(root + "/none-*.rec")).isEmpty();
    assertThat(storage().glob(at("a.txt"))).hasSize(1);
  }

  @Test
  void sequentialChannelReadsTheWholeFile() throws IOException {
    ByteBuffer all = ByteBuffer.allocate(content.length + 10);
    try (ReadableByteChannel channel = storage().openSequential(at("b.bin"))) {
      while (channel.read(all) >= 0) {
        assertThat(all.position()).isLessThanOrEqualTo(content.length);
      }
    }
    all.flip();
    byte[] read = new byte[all.remaining()];
    all.get(read);
    assertThat(read).isEqualTo(content);
  }

  @Test
  void positionalReadsReturnTheBytesAtTheirOffsets() throws IOException {
    try (RandomReader reader = storage().openRandom(at("b.bin"));
        Arena arena = Arena.ofConfined()) {
      assertThat(reader.size()).isEqualTo(content.length);
      for (long offset : new long[] {0, 1, 4095, 65_536, 199_000}) {
        MemorySegment seg = arena.allocate(1000);
        reader.readFully(offset, seg);
        for (int i = 0; i < 1000; i++) {
          assertThat(seg.get(ValueLayout.JAVA_BYTE, i)).isEqualTo(content[(int) offset + i]);
        }
      }
      ByteBuffer heap = ByteBuffer.allocate(10);
      assertThat(reader.read(content.length, heap)).isEqualTo(-1);
      MemorySegment pastEnd = arena.allocate(2000);
      assertThatThrownBy(() -> reader.readFully(199_000, pastEnd))
          .isInstanceOf(EOFException.class)
          .hasMessageContaining("b.bin")
          .hasMessageContaining("end of file at offset 200000")
          .hasMessageContaining("from offset 199000");
    }
  }

  @Test
  void aMissingFileIsNamedWithItsReason() {
    String missing = at("missing.bin");
    assertThatThrownBy(() -> storage().size(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
    assertThatThrownBy(() -> storage().openRandom(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
    assertThatThrownBy(() -> storage().openSequential(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
    assertThatThrownBy(() -> storage().list(at("nodir")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nodir: no such file or directory");
  }

  /** A directory fails when opened, or (local storage, which saves the check) on its first read. */
  @Test
  void aDirectoryIsNotAFile() {
    String sub = at("sub");
    assertThatThrownBy(
            () -> {
              try (RandomReader reader = storage().openRandom(sub)) {
                reader.readFully(0, MemorySegment.ofArray(new byte[1]));
              }
            })
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("sub: is a directory (expected: a file)");
    assertThatThrownBy(() -> storage().openSequential(sub))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("sub: is a directory (expected: a file)");
  }

  @Test
  void resolveJoinsANameOntoADirectory() throws IOException {
    String joined = storage().resolve(root, "a.txt");
    assertThat(storage().size(joined)).isEqualTo(3);
  }
}
