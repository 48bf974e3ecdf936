package dev.stoker.io.storage;

import dev.stoker.hadoop.HadoopStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

/** The contract through Hadoop's {@code file://} file system. */
class HadoopStorageTest extends StorageContract {
  private static final HadoopStorage STORAGE = new HadoopStorage(new Configuration());

  @TempDir Path dir;

  @Override
  Storage storage() {
    return STORAGE;
  }

  @Override
  String newDirectory() {
    return dir.toUri().toString().replaceAll("/$", "");
  }

  @Override
  void write(String location, byte[] bytes) throws IOException {
    Files.write(Path.of(URI.create(location)), bytes);
  }

  @Override
  void mkdir(String location) throws IOException {
    Files.createDirectory(Path.of(URI.create(location)));
  }
}
