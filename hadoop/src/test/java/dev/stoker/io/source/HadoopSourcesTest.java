package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.Cursor;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.Streams.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * io's sources read through Hadoop's {@code file://} file system return what they read from the
 * local disk, whether the storage is given or found by the location's scheme.
 */
class HadoopSourcesTest {
  @TempDir Path dir;

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void hadoopStorageReadsTheSameDatasetAndSplit() throws IOException {
    Path root = dir.resolve("animals");
    write(root.resolve("dog/d1.jpg"), "dog-1");
    write(root.resolve("dog/puppies/d3.png"), "dog-3");
    write(root.resolve("bird/b1.jpg"), "bird-1");
    write(root.resolve("dog/.hidden.jpg"), "hidden");
    for (int i = 0; i < 20; i++) {
      write(root.resolve("cat/more" + i + ".jpg"), "cat+" + i);
    }
    FolderOptions.Builder local =
        FolderOptions.builder(root.toString()).split(SplitFractions.standard(1), Subset.TRAIN);
    FolderOptions.Builder hadoop =
        FolderOptions.builder(root.toUri().toString())
            .storage(new HadoopStorage(new Configuration()))
            .split(SplitFractions.standard(1), Subset.TRAIN);
    try (FolderSource a = FolderSource.open(local.build());
        FolderSource b = FolderSource.open(hadoop.build())) {
      assertThat(b.labelNames()).isEqualTo(a.labelNames()).containsExactly("bird", "cat", "dog");
      assertThat(b.sampleCount()).isEqualTo(a.sampleCount());
      List<Sample> x = Streams.read(a, Cursor.start(3, 0), Sharding.SINGLE);
      List<Sample> y = Streams.read(b, Cursor.start(3, 0), Sharding.SINGLE);
      assertThat(y.stream().map(Sample::hex).toList())
          .isEqualTo(x.stream().map(Sample::hex).toList());
      assertThat(y.stream().map(Sample::label).toList())
          .isEqualTo(x.stream().map(Sample::label).toList());
      assertThat(y.get(0).source()).startsWith("file:");
    }
  }

  @Test
  void hadoopStorageReadsIndexedAndSequentialShards() throws IOException {
    List<String> files = TfRecordShards.write(dir, 17, true);
    List<String> uris = files.stream().map(f -> Path.of(f).toUri().toString()).toList();
    HadoopStorage hadoop = new HadoopStorage(new Configuration());
    for (boolean useIndexes : new boolean[] {true, false}) {
      try (TfRecordSource local =
              TfRecordSource.open(TfRecordOptions.builder(files).useIndexes(useIndexes).build());
          TfRecordSource remote =
              TfRecordSource.open(
                  TfRecordOptions.builder(uris).storage(hadoop).useIndexes(useIndexes).build())) {
        assertThat(remote.isRandomAccess()).isEqualTo(useIndexes);
        List<Sample> a = Streams.read(local, Cursor.start(5, 0), Sharding.SINGLE);
        List<Sample> b = Streams.read(remote, Cursor.start(5, 0), Sharding.SINGLE);
        assertThat(b).hasSize(17);
        assertThat(b.stream().map(Sample::hex).toList())
            .isEqualTo(a.stream().map(Sample::hex).toList());
      }
    }
  }

  @Test
  void aUriWithoutAStorageIsServedByTheProviderOnTheClassPath() throws IOException {
    List<String> files = TfRecordShards.write(dir, 9, false);
    List<String> uris = files.stream().map(f -> Path.of(f).toUri().toString()).toList();
    TfRecordOptions options = TfRecordOptions.builder(uris).build();
    assertThat(options.storage()).isInstanceOf(HadoopStorage.class);
    assertThat(TfRecordOptions.builder(files).build().storage())
        .isSameAs(dev.stoker.io.storage.LocalStorage.INSTANCE);
    try (TfRecordSource local = TfRecordSource.open(TfRecordOptions.builder(files).build());
        TfRecordSource remote = TfRecordSource.open(options)) {
      List<Sample> a = Streams.read(local, Cursor.start(2, 0), Sharding.SINGLE);
      List<Sample> b = Streams.read(remote, Cursor.start(2, 0), Sharding.SINGLE);
      assertThat(b.stream().map(Sample::hex).toList())
          .isEqualTo(a.stream().map(Sample::hex).toList())
          .hasSize(9);
    }
  }
}
