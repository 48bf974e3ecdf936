package dev.stoker.io.source;

import dev.stoker.io.Source;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The source contract for Folders. */
class FolderSourceContractTest extends SourceContract {
  private Path root;

  @Override
  Source create(Path dir, int n) throws IOException {
    root = dir;
    for (int i = 0; i < n; i++) {
      Path file = dir.resolve("c" + (i % 5)).resolve("f" + i + ".jpg");
      Files.createDirectories(file.getParent());
      Files.write(file, content(i));
    }
    return FolderSource.open(FolderOptions.builder(dir.toString()).build());
  }

  @Override
  Source reopen(Storage storage, RetryPolicy retry) throws IOException {
    return FolderSource.open(
        FolderOptions.builder(root.toString()).storage(storage).retry(retry).build());
  }

  @Override
  String oneFile() {
    return "f7.jpg";
  }
}
