package dev.stoker.io.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@link Storage} over the local file system, through NIO. Locations are file system paths.
 * Listings read through symbolic links and mark them ({@link StorageEntry#link()}); a link whose
 * target is missing fails the listing of its folder.
 *
 * <p>Thread-safe and stateless; one shared {@link #INSTANCE} is enough.
 */
public final class LocalStorage implements Storage {
  /** The one instance. */
  public static final LocalStorage INSTANCE = new LocalStorage();

  private LocalStorage() {}

  @Override
  public List<StorageEntry> list(String directory) throws IOException {
    Path dir = Path.of(directory);
    List<StorageEntry> entries = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      for (Path child : children) {
        BasicFileAttributes own =
            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        BasicFileAttributes attrs =
            own.isSymbolicLink() ? Files.readAttributes(child, BasicFileAttributes.class) : own;
        entries.add(
            new StorageEntry(
                child.toString(),
                child.getFileName().toString(),
                attrs.isDirectory(),
                attrs.isDirectory() ? 0 : attrs.size(),
                own.isSymbolicLink()));
      }
    } catch (FileSystemException e) {
      throw explain(e, directory);
    }
    entries.sort(Comparator.comparing(StorageEntry::name));
    return entries;
  }

  @Override
  public List<String> glob(String pattern) throws IOException {
    Path path = Path.of(pattern);
    Path name = path.getFileName();
    if (name == null) {
      return List.of();
    }
    if (!Globs.hasWildcard(name.toString())) {
      return Files.isRegularFile(path) ? List.of(path.toString()) : List.of();
    }
    Path parent = path.getParent() == null ? Path.of("") : path.getParent();
    if (Globs.hasWildcard(parent.toString())) {
      throw new IllegalArgumentException(
          "pattern="
              + pattern
              + " (expected: wildcards in the last path element only, as in dir/train-*.tfrecord)");
    }
    List<String> files = new ArrayList<>();
    try (DirectoryStream<Path> matches = Files.newDirectoryStream(parent, name.toString())) {
      for (Path match : matches) {
        if (Files.isRegularFile(match)) {
          files.add(match.toString());
        }
      }
    } catch (FileSystemException e) {
      throw explain(e, parent.toString());
    }
    files.sort(Comparator.naturalOrder());
    return files;
  }

  @Override
  public long size(String file) throws IOException {
    try {
      return Files.size(Path.of(file));
    } catch (FileSystemException e) {
      throw explain(e, file);
    }
  }

  @Override
  public ReadableByteChannel openSequential(String file) throws IOException {
    return open(file);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Opens the file without first asking whether it is a directory (a path lookup that cost the
   * pipeline's reader about a tenth of its time per image): a directory opens, and its first read
   * fails with "is a directory".
   */
  @Override
  public RandomReader openRandom(String file) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(Path.of(file), StandardOpenOption.READ);
    } catch (FileSystemException e) {
      throw explain(e, file);
    }
    long size;
    try {
      size = channel.size();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new LocalReader(file, channel, size);
  }

  @Override
  public String resolve(String directory, String name) {
    return Path.of(directory).resolve(name).toString();
  }

  private static FileChannel open(String file) throws IOException {
    Path path = Path.of(file);
    if (Files.isDirectory(path)) {
      throw new FileSystemException(file, null, "is a directory (expected: a file)");
    }
    try {
      return FileChannel.open(path, StandardOpenOption.READ);
    } catch (FileSystemException e) {
      throw explain(e, file);
    }
  }

  /** Restates NIO's terse exceptions (often just the path) as path + reason. */
  static IOException explain(FileSystemException e, String location) {
    if (e instanceof NoSuchFileException) {
      return chain(new NoSuchFileException(location, null, "no such file or directory"), e);
    }
    if (e instanceof AccessDeniedException) {
      return chain(new AccessDeniedException(location, null, "permission denied"), e);
    }
    if (e instanceof NotDirectoryException) {
      return chain(new NotDirectoryException(location + ": not a directory"), e);
    }
    return e;
  }

  private static IOException chain(IOException restated, IOException cause) {
    restated.initCause(cause);
    return restated;
  }

  private static final class LocalReader implements RandomReader {
    private final String location;
    private final FileChannel channel;
    private final long size;

    LocalReader(String location, FileChannel channel, long size) {
      this.location = location;
      this.channel = channel;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      try {
        return channel.read(dst, position);
      } catch (IOException e) {
        if (channel.isOpen() && Files.isDirectory(Path.of(location))) {
          throw chain(
              new FileSystemException(location, null, "is a directory (expected: a file)"), e);
        }
        throw e;
      }
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
