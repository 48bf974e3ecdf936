package dev.stoker.io.storage;

import java.nio.file.Path;

class LocalStorageTest extends StorageContract {
  @Override
  Storage storage() {
    return LocalStorage.INSTANCE;
  }

  @Override
  String location(Path path) {
    return path.toString();
  }
}
