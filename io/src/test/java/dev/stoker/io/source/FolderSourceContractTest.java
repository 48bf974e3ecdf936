package dev.stoker.io.source;

import dev.stoker.io.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The source contract for Folders. */
class FolderSourceContractTest extends SourceContract {
  @Override
  Source create(Path dir, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Path file = dir.resolve("c" + (i % 5)).resolve("f" + i + ".jpg");
      Files.createDirectories(file.getParent());
      Files.write(file, content(i));
    }
    return FolderSource.open(FolderOptions.builder(dir.toString()).build());
  }
}
