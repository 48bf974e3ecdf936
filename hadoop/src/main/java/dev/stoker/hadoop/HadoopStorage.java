package dev.stoker.hadoop;

import dev.stoker.io.storage.RandomReader;
import dev.stoker.io.storage.Storage;
import dev.stoker.io.storage.StorageEntry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;

/**
 * {@link Storage} over a Hadoop {@link FileSystem}: {@code file://}, {@code hdfs://}, and, once its
 * connector is on the class path, {@code s3a://}, {@code gs://}, {@code abfs://} and the rest.
 * Locations are Hadoop paths (URIs); a location without a scheme is resolved against the
 * configuration's default file system.
 *
 * <pre>{@code
 * Configuration conf = new Configuration();
 * conf.set("fs.s3a.endpoint", "...");
 * Storage storage = new HadoopStorage(conf);
 * List<String> shards = storage.glob("s3a://bucket/imagenet/train-*");
 * }</pre>
 *
 * <p>File systems come from Hadoop's own cache ({@link FileSystem#get(URI, Configuration)}), so
 * this class holds no resources of its own and is not closeable; Hadoop closes cached file systems
 * at JVM exit.
 *
 * <p><b>Threading.</b> Thread-safe; the readers and channels it opens belong to the caller.
 */
public final class HadoopStorage implements Storage {
  private static final int COPY_CHUNK = 64 * 1024;

  private final Configuration conf;

  /**
   * Creates a storage with a configuration of its own (a copy of {@code conf}).
   *
   * @param conf the Hadoop configuration: credentials, endpoints, buffer sizes
   */
  public HadoopStorage(Configuration conf) {
    this.conf = new Configuration(conf);
  }

  /**
   * Returns the storage's copy of its Hadoop configuration. Callers must not modify it.
   *
   * @return the configuration
   */
  public Configuration configuration() {
    return conf;
  }

  private FileSystem fileSystem(Path path) throws IOException {
    return path.getFileSystem(conf);
  }

  @Override
  public List<StorageEntry> list(String directory) throws IOException {
    Path dir = new Path(directory);
    try {
      FileSystem fs = fileSystem(dir);
      FileStatus status = fs.getFileStatus(dir);
      if (!status.isDirectory()) {
        throw new NotDirectoryException(directory + ": not a directory");
      }
      List<StorageEntry> entries = new ArrayList<>();
      for (FileStatus child : fs.listStatus(dir)) {
        entries.add(
            new StorageEntry(
                child.getPath().toString(),
                child.getPath().getName(),
                child.isDirectory(),
                child.isDirectory() ? 0 : child.getLen()));
      }
      entries.sort(Comparator.comparing(StorageEntry::name));
      return entries;
    } catch (FileNotFoundException | AccessControlException e) {
      throw explain(e, directory);
    }
  }

  @Override
  public List<String> glob(String pattern) throws IOException {
    Path path = new Path(pattern);
    try {
      FileStatus[] matches = fileSystem(path).globStatus(path);
      List<String> files = new ArrayList<>();
      if (matches != null) {
        for (FileStatus match : matches) {
          if (match.isFile()) {
            files.add(match.getPath().toString());
          }
        }
      }
      files.sort(Comparator.naturalOrder());
      return files;
    } catch (FileNotFoundException | AccessControlException e) {
      throw explain(e, pattern);
    }
  }

  @Override
  public long size(String file) throws IOException {
    Path path = new Path(file);
    try {
      FileStatus status = fileSystem(path).getFileStatus(path);
      if (status.isDirectory()) {
        throw new FileSystemException(file, null, "is a directory (expected: a file)");
      }
      return status.getLen();
    } catch (FileNotFoundException | AccessControlException e) {
      throw explain(e, file);
    }
  }

  @Override
  public ReadableByteChannel openSequential(String file) throws IOException {
    return Channels.newChannel(open(file));
  }

  @Override
  public RandomReader openRandom(String file) throws IOException {
    long size = size(file);
    return new HadoopReader(file, open(file), size);
  }

  @Override
  public String resolve(String directory, String name) {
    return new Path(new Path(directory), name).toString();
  }

  private FSDataInputStream open(String file) throws IOException {
    Path path = new Path(file);
    try {
      FileSystem fs = fileSystem(path);
      if (fs.getFileStatus(path).isDirectory()) {
        throw new FileSystemException(file, null, "is a directory (expected: a file)");
      }
      return fs.open(path);
    } catch (FileNotFoundException | AccessControlException e) {
      throw explain(e, file);
    }
  }

  private static IOException explain(IOException e, String location) {
    IOException restated =
        e instanceof AccessControlException
            ? new AccessDeniedException(location, null, "permission denied")
            : new NoSuchFileException(location, null, "no such file or directory");
    restated.initCause(e);
    return restated;
  }

  private static final class HadoopReader implements RandomReader {
    private final String location;
    private final FSDataInputStream in;
    private final long size;
    private byte[] chunk = new byte[0];
    private boolean closed;

    HadoopReader(String location, FSDataInputStream in, long size) {
      this.location = location;
      this.in = in;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
      if (closed) {
        throw new IOException(location + ": reader is closed");
      }
      if (position >= size) {
        return -1;
      }
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (dst.hasArray()) {
        int n = in.read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }
      int want = Math.min(dst.remaining(), COPY_CHUNK);
      if (chunk.length < want) {
        chunk = new byte[COPY_CHUNK];
      }
      int n = in.read(position, chunk, 0, want);
      if (n > 0) {
        dst.put(chunk, 0, n);
      }
      return n;
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        in.close();
      }
    }
  }
}
