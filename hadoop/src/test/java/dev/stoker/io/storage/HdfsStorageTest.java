package dev.stoker.io.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.hadoop.HadoopStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against a real HDFS: an in-process NameNode and DataNode ({@code
 * hadoop-client-minicluster}), started once for the class (about 15 s on two shared cores).
 */
class HdfsStorageTest extends StorageContract {
  private static Path base;
  private static MiniDFSCluster cluster;
  private static FileSystem fs;
  private static HadoopStorage storage;
  private static int next;

  @BeforeAll
  static void start() throws IOException {
    base = Files.createTempDirectory("stoker-hdfs");
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    fs = cluster.getFileSystem();
    storage = new HadoopStorage(cluster.getConfiguration(0));
  }

  @AfterAll
  static void stop() throws IOException {
    cluster.shutdown(true); // also deletes the base directory
    assertThat(Files.exists(base)).isFalse();
  }

  @Override
  Storage storage() {
    return storage;
  }

  @Override
  String newDirectory() throws IOException {
    String dir = fs.getUri() + "/test-" + next++;
    fs.mkdirs(new org.apache.hadoop.fs.Path(dir));
    return dir;
  }

  @Override
  void write(String location, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(location))) {
      out.write(bytes);
    }
  }

  @Override
  void mkdir(String location) throws IOException {
    fs.mkdirs(new org.apache.hadoop.fs.Path(location));
  }
}
