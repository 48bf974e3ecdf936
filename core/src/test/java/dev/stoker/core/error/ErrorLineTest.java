package dev.stoker.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorLineTest {
  @Test
  void aMissingFileIsNamedWithTheReasonInWords(@TempDir Path dir) {
    Path missing = dir.resolve("corpus/imagenet-like");
    NoSuchFileException e =
        catchThrowableOfType(NoSuchFileException.class, () -> Files.list(missing));
    assertThat(ErrorLine.of(e)).isEqualTo(missing + ": no such file or directory");
    assertThat(ErrorLine.of(new UncheckedIOException(e)))
        .isEqualTo(missing + ": no such file or directory");
  }

  @Test
  void otherFileSystemFailuresSayWhatAndWhere() {
    assertThat(ErrorLine.of(new AccessDeniedException("/out/report.md")))
        .isEqualTo("/out/report.md: permission denied");
    assertThat(ErrorLine.of(new FileSystemException("/a", "/b", "Read-only file system")))
        .isEqualTo("/a -> /b: Read-only file system");
  }

  @Test
  void aClassNameAWrapperPutInFrontOfTheMessageIsDropped() {
    RuntimeException wrapped =
        new RuntimeException(new IOException("shard.tfrecord: record 3 at offset 96: bad CRC"));
    assertThat(wrapped.getMessage()).startsWith("java.io.IOException: ");
    assertThat(ErrorLine.of(wrapped)).isEqualTo("shard.tfrecord: record 3 at offset 96: bad CRC");
  }

  @Test
  void severalLinesBecomeOne() {
    assertThat(ErrorLine.of(new IOException("first\n  second\r\nthird")))
        .isEqualTo("first; second; third");
  }

  @Test
  void aFailureWithoutAMessageIsDescribedByItsCauseOrItsKind() {
    assertThat(ErrorLine.of(new IllegalStateException(null, new IOException("disk full"))))
        .isEqualTo("disk full");
    String line = ErrorLine.of(new NullPointerException());
    assertThat(line).isEqualTo("internal error (null pointer)");
    assertThat(line).doesNotContain("Exception");
  }
}
