package dev.stoker.io.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends StorageContract {
  @TempDir Path dir;

  @Override
  Storage storage() {
    return LocalStorage.INSTANCE;
  }

  @Override
  String newDirectory() {
    return dir.toString();
  }

  @Override
  void write(String location, byte[] bytes) throws IOException {
    Files.write(Path.of(location), bytes);
  }

  @Override
  void mkdir(String location) throws IOException {
    Files.createDirectory(Path.of(location));
  }

  @Test
  void listingsMarkSymbolicLinksAndDescribeTheirTargets() throws IOException {
    Path listed = Files.createDirectory(dir.resolve("listed"));
    Path target = Files.createDirectory(dir.resolve("target"));
    Files.write(target.resolve("f.bin"), new byte[] {1, 2, 3, 4, 5});
    Files.write(listed.resolve("plain.bin"), new byte[] {1});
    Files.createDirectory(listed.resolve("sub"));
    Files.createSymbolicLink(listed.resolve("to-dir"), target);
    Files.createSymbolicLink(listed.resolve("to-file.bin"), target.resolve("f.bin"));
    assertThat(LocalStorage.INSTANCE.list(listed.toString()))
        .containsExactly(
            new StorageEntry(listed.resolve("plain.bin").toString(), "plain.bin", false, 1, false),
            new StorageEntry(listed.resolve("sub").toString(), "sub", true, 0, false),
            new StorageEntry(listed.resolve("to-dir").toString(), "to-dir", true, 0, true),
            new StorageEntry(
                listed.resolve("to-file.bin").toString(), "to-file.bin", false, 5, true));
  }
}
