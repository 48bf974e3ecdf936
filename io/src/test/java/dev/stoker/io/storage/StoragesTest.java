package dev.stoker.io.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.io.source.FolderOptions;
import org.junit.jupiter.api.Test;

/** Picking a storage by scheme, with no storage module on io's own test class path. */
class StoragesTest {
  @Test
  void aPathIsLocalAndAUriHasItsSchemeLowerCased() {
    assertThat(Storages.scheme("/data/train")).isNull();
    assertThat(Storages.scheme("data/train-*.tfrecord")).isNull();
    assertThat(Storages.scheme("C:/data/train")).isNull();
    assertThat(Storages.scheme("HDFS://nn:8020/data")).isEqualTo("hdfs");
    assertThat(Storages.scheme("s3a://bucket/key")).isEqualTo("s3a");
    assertThat(Storages.forLocation("/data/train")).isSameAs(LocalStorage.INSTANCE);
  }

  @Test
  void aSchemeNothingServesNamesTheLocationAndTheModuleToAdd() {
    assertThatThrownBy(() -> Storages.forLocation("hdfs://nn/data"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("location=hdfs://nn/data (expected: a local path")
        .hasMessageContaining("dev.stoker:stoker-hadoop")
        .hasMessageEndingWith("nothing serves 'hdfs')");
    assertThatThrownBy(() -> FolderOptions.builder("s3a://bucket/images").build())
        .hasMessageEndingWith("nothing serves 's3a')");
  }
}
