package dev.stoker.io.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
