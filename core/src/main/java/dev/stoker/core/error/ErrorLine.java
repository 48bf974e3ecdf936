package dev.stoker.core.error;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Renders a failure as the one line a command-line tool prints: what went wrong and on which file,
 * in words, never a Java class name or a stack trace.
 *
 * <pre>{@code
 * catch (IOException e) {
 *   err.println("stoker bench: error: " + ErrorLine.of(e));
 *   // stoker bench: error: /data/train: no such file or directory
 * }
 * }</pre>
 *
 * <p>File-system exceptions, whose message is often only a path, get the reason spelled out. Other
 * exceptions give their message, with any class name a wrapper put in front of it removed; an
 * exception without a message is described by its cause, or, as a last resort, by its kind in words
 * ("internal error (null pointer)"). Several lines become one.
 */
public final class ErrorLine {
  /**
   * A fully qualified exception class name and its colon, as {@code Throwable.toString()} writes.
   */
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

  private static final int MAX_DEPTH = 8;

  private ErrorLine() {}

  /**
   * Describes a failure in one line.
   *
   * @param failure the failure
   * @return one line, never blank
   */
  public static String of(Throwable failure) {
    return of(failure, 0);
  }

  private static String of(Throwable failure, int depth) {
    @Nullable Throwable cause = failure.getCause();
    if (failure instanceof UncheckedIOException && cause != null && depth < MAX_DEPTH) {
      return of(cause, depth + 1);
    }
    if (failure instanceof FileSystemException fs) {
      return fileSystem(fs);
    }
    String message = clean(failure.getMessage());
    if (!message.isEmpty()) {
      return message;
    }
    if (cause != null && cause != failure && depth < MAX_DEPTH) {
      return of(cause, depth + 1);
    }
    return "internal error (" + words(failure.getClass().getSimpleName()) + ")";
  }

  private static String fileSystem(FileSystemException e) {
    String reason =
        switch (e) {
          case NoSuchFileException _ -> "no such file or directory";
          case AccessDeniedException _ -> "permission denied";
          case FileAlreadyExistsException _ -> "already exists";
          case NotDirectoryException _ -> "not a directory";
          case DirectoryNotEmptyException _ -> "directory not empty";
          default -> "";
        };
    String detail = clean(e.getReason());
    if (reason.isEmpty()) {
      reason = detail.isEmpty() ? "file system error" : detail;
    } else if (!detail.isEmpty() && !detail.equalsIgnoreCase(reason)) {
      reason = reason + " (" + detail + ")";
    }
    StringBuilder b = new StringBuilder();
    if (e.getFile() != null) {
      b.append(e.getFile());
      if (e.getOtherFile() != null) {
        b.append(" -> ").append(e.getOtherFile());
      }
      b.append(": ");
    }
    return b.append(reason).toString();
  }

  private static String clean(@Nullable String message) {
    if (message == null) {
      return "";
    }
    String oneLine = message.strip().replaceAll("\\s*\\R\\s*", "; ");
    return CLASS_PREFIX.matcher(oneLine).replaceAll("").strip();
  }

  /** {@code NullPointerException} → {@code null pointer}. */
  private static String words(String simpleName) {
    String bare = simpleName.replaceFirst("(Exception|Error)$", "");
    String spaced = bare.replaceAll("(?<=[a-z0-9])(?=[A-Z])", " ").toLowerCase(Locale.ROOT);
    return spaced.isEmpty() ? "unknown" : spaced;
  }
}
