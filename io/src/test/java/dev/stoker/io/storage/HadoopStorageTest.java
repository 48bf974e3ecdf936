package dev.stoker.io.storage;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** The contract through Hadoop's {@code file://} file system. */
class HadoopStorageTest extends StorageContract {
  private static final HadoopStorage STORAGE = new HadoopStorage(new Configuration());

  @Override
  Storage storage() {
    return STORAGE;
  }

  @Override
  String location(Path path) {
    return path.toUri().toString().replaceAll("/$", "");
  }
}
