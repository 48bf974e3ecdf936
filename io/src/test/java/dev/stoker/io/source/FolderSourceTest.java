package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.core.error.SamplePosition;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.Streams.Sample;
import dev.stoker.io.storage.LocalStorage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
  @TempDir Path root;

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** dog (3 files, one nested), cat (2), bird (1), plus files that must be ignored. */
  private void animals(Path base) throws IOException {
    write(base.resolve("dog/d1.jpg"), "dog-1");
    write(base.resolve("dog/D2.JPEG"), "dog-2");
    write(base.resolve("dog/puppies/d3.png"), "dog-3");
    write(base.resolve("cat/c1.jpg"), "cat-1");
    write(base.resolve("cat/c2.jpg"), "cat-2");
    write(base.resolve("bird/b1.jpg"), "bird-1");
    write(base.resolve("dog/.hidden.jpg"), "hidden");
    write(base.resolve("dog/notes.txt"), "not an image");
    write(base.resolve(".git/x.jpg"), "hidden class");
    write(base.resolve("README.jpg"), "a file at the top is no class");
  }

  @Test
  void labelsAreSortedClassNamesAndBytesAreTheFiles() throws IOException {
    animals(root);
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build())) {
      assertThat(source.labelNames()).containsExactly("bird", "cat", "dog");
      assertThat(source.sampleCount()).hasValue(6);
      assertThat(source.isRandomAccess()).isTrue();
      List<Sample> samples = Streams.read(source, Cursor.start(1, 0), Sharding.SINGLE);
      Map<String, Long> byContent = new HashMap<>();
      Set<Long> ids = new HashSet<>();
      for (Sample s : samples) {
        String content = new String(s.bytes(), StandardCharsets.UTF_8);
        byContent.put(content, s.label());
        ids.add(s.id());
        assertThat(s.position()).isEqualTo(SamplePosition.wholeFile().toString());
        assertThat(Files.readString(Path.of(s.source()))).isEqualTo(content);
      }
      assertThat(byContent)
          .isEqualTo(
              Map.of(
                  "bird-1", 0L, "cat-1", 1L, "cat-2", 1L, "dog-1", 2L, "dog-2", 2L, "dog-3", 2L));
      assertThat(ids).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
    }
  }

  /**
   * The files, in sample-id order, that a folder with symbolic links yields. The layout and both
   * expected lists were checked against Keras 3.15's {@code index_directory(..., shuffle=False)}: a
   * linked class folder is a class either way; a linked folder inside a class folder is entered
   * only with {@code follow_links=True}; a linked file is always read.
   */
  private List<String> linkedFiles(boolean follow) throws IOException {
    Path data = root.resolve("data");
    Path elsewhere = root.resolve("elsewhere");
    write(data.resolve("a/1.jpg"), "1");
    write(data.resolve("b/2.jpg"), "2");
    write(data.resolve("b/sub/3.jpg"), "3");
    write(elsewhere.resolve("c/4.jpg"), "4");
    write(elsewhere.resolve("deep/5.jpg"), "5");
    write(elsewhere.resolve("6.jpg"), "6");
    if (!Files.exists(data.resolve("c"))) {
      Files.createSymbolicLink(data.resolve("c"), elsewhere.resolve("c"));
      Files.createSymbolicLink(data.resolve("a/deep"), elsewhere.resolve("deep"));
      Files.createSymbolicLink(data.resolve("a/6.jpg"), elsewhere.resolve("6.jpg"));
    }
    FolderOptions options = FolderOptions.builder(data.toString()).followLinks(follow).build();
    assertThat(options.followLinks()).isEqualTo(follow);
    try (FolderSource source = FolderSource.open(options)) {
      assertThat(source.labelNames()).containsExactly("a", "b", "c");
      List<String> files = new ArrayList<>();
      try (SampleStream s = source.open(Cursor.start(9, 0), Sharding.SINGLE, EpochOrder.IN_ORDER)) {
        while (s.next()) {
          assertThat(s.sampleId()).isEqualTo(files.size());
          assertThat(source.file(s.sampleId())).isEqualTo(s.source());
          String relative = data.relativize(Path.of(s.source())).toString();
          assertThat(
                  new String(
                      s.bytes().toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                      StandardCharsets.UTF_8))
              .isEqualTo(relative.substring(relative.lastIndexOf('/') + 1, relative.indexOf('.')));
          files.add(relative + ":" + s.label());
        }
      }
      return files;
    }
  }

  @Test
  void linkedSubFoldersAreReadOnlyWhenFollowingLinksAsInKeras() throws IOException {
    assertThat(linkedFiles(false))
        .containsExactly("a/1.jpg:0", "a/6.jpg:0", "b/2.jpg:1", "b/sub/3.jpg:1", "c/4.jpg:2");
    assertThat(linkedFiles(true))
        .containsExactly(
            "a/1.jpg:0", "a/6.jpg:0", "a/deep/5.jpg:0", "b/2.jpg:1", "b/sub/3.jpg:1", "c/4.jpg:2");
    assertThat(FolderOptions.builder(root.toString()).build().followLinks()).isTrue();
  }

  @Test
  void sampleIdsDoNotDependOnRankOrEpoch() throws IOException {
    animals(root);
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build())) {
      Map<Long, String> idToFile = new HashMap<>();
      for (long epoch = 0; epoch < 3; epoch++) {
        for (int rank = 0; rank < 4; rank++) {
          for (Sample s :
              Streams.read(
                  source, Cursor.start(9, epoch), new Sharding(rank, 4, Sharding.Remainder.PAD))) {
            String previous = idToFile.putIfAbsent(s.id(), s.source());
            assertThat(previous == null || previous.equals(s.source())).isTrue();
            assertThat(source.file(s.id())).isEqualTo(s.source());
          }
        }
      }
      assertThat(idToFile).hasSize(6);
    }
  }

  @Test
  void resumingAtEveryPositionYieldsTheTail() throws IOException {
    for (int i = 0; i < 23; i++) {
      write(root.resolve("c" + (i % 3) + "/f" + i + ".jpg"), "file " + i);
    }
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build())) {
      for (Sharding sharding :
          List.of(
              Sharding.SINGLE,
              new Sharding(1, 3, Sharding.Remainder.PAD),
              new Sharding(2, 5, Sharding.Remainder.DROP))) {
        List<Sample> whole = Streams.read(source, Cursor.start(5, 2), sharding);
        for (int k = 0; k <= whole.size(); k++) {
          List<Sample> tail = Streams.read(source, new Cursor(5, 2, k), sharding);
          assertThat(tail).as("%s from %d", sharding, k).hasSize(whole.size() - k);
          for (int i = 0; i < tail.size(); i++) {
            assertThat(tail.get(i).id()).isEqualTo(whole.get(k + i).id());
            assertThat(tail.get(i).bytes()).isEqualTo(whole.get(k + i).bytes());
          }
        }
        try (SampleStream s = source.open(Cursor.start(5, 2), sharding)) {
          s.next();
          s.next();
          assertThat(s.position()).isEqualTo(2);
        }
      }
      assertThatThrownBy(() -> source.open(new Cursor(5, 2, 24), Sharding.SINGLE))
          .hasMessage("position=24 (expected: in [0, 23])");
    }
  }

  @Test
  void trainValTestLayoutReadsOnePartWithLabelsOfAll() throws IOException {
    write(root.resolve("train/cat/1.jpg"), "t-cat");
    write(root.resolve("train/dog/1.jpg"), "t-dog");
    write(root.resolve("val/dog/1.jpg"), "v-dog");
    write(root.resolve("test/ant/1.jpg"), "x-ant");
    write(root.resolve("test/cat/1.jpg"), "x-cat");
    FolderOptions.Builder b = FolderOptions.builder(root.toString());
    try (FolderSource val = FolderSource.open(b.subset(Subset.VALIDATION).build())) {
      assertThat(val.labelNames()).containsExactly("ant", "cat", "dog");
      List<Sample> s = Streams.read(val, Cursor.start(0, 0), Sharding.SINGLE);
      assertThat(s).hasSize(1);
      assertThat(s.get(0).label()).isEqualTo(2);
    }
    try (FolderSource test = FolderSource.open(b.subset(Subset.TEST).build())) {
      List<Sample> s = Streams.read(test, Cursor.start(0, 0), Sharding.SINGLE);
      Map<String, Long> got = new HashMap<>();
      s.forEach(x -> got.put(new String(x.bytes(), StandardCharsets.UTF_8), x.label()));
      assertThat(got).isEqualTo(Map.of("x-ant", 0L, "x-cat", 1L));
    }
    assertThatThrownBy(() -> FolderSource.open(FolderOptions.builder(root.toString()).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "subset=null (expected: TRAIN, VALIDATION or TEST without a split: "
                + root
                + " has the train/ val/ test/ layout)");
  }

  @Test
  void seededSplitIsDisjointCompleteAndStableWhenFilesAreAdded() throws IOException {
    for (int i = 0; i < 60; i++) {
      write(root.resolve("k" + (i % 2) + "/img" + i + ".jpg"), "i" + i);
    }
    Map<Subset, Set<String>> before = parts(SplitFractions.standard(3));
    Set<String> all = new HashSet<>();
    int total = 0;
    for (Set<String> part : before.values()) {
      all.addAll(part);
      total += part.size();
    }
    assertThat(total).isEqualTo(60);
    assertThat(all).hasSize(60);
    for (int i = 60; i < 90; i++) {
      write(root.resolve("k" + (i % 2) + "/img" + i + ".jpg"), "i" + i);
    }
    Map<Subset, Set<String>> after = parts(SplitFractions.standard(3));
    for (Subset subset : Subset.values()) {
      Set<String> kept = new HashSet<>(after.get(subset));
      kept.retainAll(all);
      assertThat(kept).as("%s keeps its files", subset).isEqualTo(before.get(subset));
    }
    assertThat(parts(SplitFractions.standard(4))).isNotEqualTo(after);
  }

  private Map<Subset, Set<String>> parts(SplitFractions split) throws IOException {
    Map<Subset, Set<String>> parts = new HashMap<>();
    for (Subset subset : Subset.values()) {
      Set<String> files = new HashSet<>();
      try (FolderSource s =
          FolderSource.open(FolderOptions.builder(root.toString()).split(split, subset).build())) {
        for (Sample x : Streams.read(s, Cursor.start(0, 0), Sharding.SINGLE)) {
          files.add(x.source());
        }
      } catch (IOException e) {
        if (!e.getMessage().contains("the dataset is empty")) {
          throw e;
        }
      }
      parts.put(subset, files);
    }
    return parts;
  }

  @Test
  void splitFractionsFollowTheirFractions() {
    SplitFractions split = new SplitFractions(0.7, 0.2, 0.1, 11);
    Map<Subset, Integer> counts = new HashMap<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      counts.merge(split.subsetOf("class" + (i % 7) + "/image_" + i + ".jpg"), 1, Integer::sum);
    }
    // within 5 standard deviations of the binomial expectation
    assertThat(counts.get(Subset.TRAIN)).isBetween(14_000 - 324, 14_000 + 324);
    assertThat(counts.get(Subset.VALIDATION)).isBetween(4_000 - 283, 4_000 + 283);
    assertThat(counts.get(Subset.TEST)).isBetween(2_000 - 212, 2_000 + 212);
    assertThatThrownBy(() -> new SplitFractions(0.8, 0.1, 0.2, 0))
        .hasMessageStartingWith("train + validation + test=1.1")
        .hasMessageEndingWith("(expected: 1)");
  }

  @Test
  void anEmptyClassIsAnErrorNamingTheFolder() throws IOException {
    animals(root);
    Files.createDirectories(root.resolve("zebra"));
    write(root.resolve("zebra/readme.txt"), "no image");
    assertThatThrownBy(() -> FolderSource.open(FolderOptions.builder(root.toString()).build()))
        .isInstanceOf(IOException.class)
        .hasMessage(
            root.resolve("zebra")
                + ": class folder holds no files with extensions [bmp, gif, jpeg, jpg, png]"
                + " (expected: at least one image per class)");
  }

  @Test
  void anEmptyDatasetAndAMissingRootAreErrorsNamingThePath() throws IOException {
    assertThatThrownBy(() -> FolderSource.open(FolderOptions.builder(root.toString()).build()))
        .isInstanceOf(IOException.class)
        .hasMessage(root + ": no class folders (expected: root/<class>/<file>)");
    Path missing = root.resolve("missing");
    assertThatThrownBy(() -> FolderSource.open(FolderOptions.builder(missing.toString()).build()))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
  }

  @Test
  void aDeniedClassFolderIsAnErrorNamingIt() throws IOException {
    animals(root);
    FolderOptions options =
        FolderOptions.builder(root.toString())
            .storage(new DeniedStorage(LocalStorage.INSTANCE, "/cat"))
            .build();
    assertThatThrownBy(() -> FolderSource.open(options))
        .isInstanceOf(java.nio.file.AccessDeniedException.class)
        .hasMessage(root.resolve("cat") + ": permission denied");
  }

  @Test
  void onlyDotNamesAreHiddenAsInKeras() throws IOException {
    write(root.resolve("_background_noise_/n.jpg"), "noise");
    write(root.resolve("yes/y.jpg"), "yes");
    write(root.resolve(".cache/c.jpg"), "cache");
    write(root.resolve("yes/.y.jpg"), "hidden");
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build())) {
      assertThat(source.labelNames()).containsExactly("_background_noise_", "yes");
      assertThat(source.sampleCount()).hasValue(2);
    }
  }

  @Test
  void extensionsAreConfigurable() throws IOException {
    animals(root);
    write(root.resolve("cat/c3.webp"), "cat-3");
    write(root.resolve("bird/b2.png"), "bird-2");
    try (FolderSource source =
        FolderSource.open(
            FolderOptions.builder(root.toString()).extensions(List.of("WEBP", "png")).build())) {
      List<Sample> s = Streams.read(source, Cursor.start(0, 0), Sharding.SINGLE);
      List<String> contents = new ArrayList<>();
      s.forEach(x -> contents.add(new String(x.bytes(), StandardCharsets.UTF_8)));
      assertThat(contents).containsExactlyInAnyOrder("cat-3", "dog-3", "bird-2");
    }
    assertThatThrownBy(
            () ->
                FolderSource.open(
                    FolderOptions.builder(root.toString()).extensions(List.of("webp")).build()))
        .hasMessageContaining("bird: class folder holds no files with extensions [webp]");
  }

  @Test
  void badFilesAreSampleErrorsThatTheStreamReadsPast() throws IOException {
    animals(root);
    write(root.resolve("cat/c2.jpg"), "x".repeat(100));
    FolderOptions options =
        FolderOptions.builder(root.toString())
            .storage(new DeniedStorage(LocalStorage.INSTANCE, "d1.jpg"))
            .maxSampleBytes(50)
            .build();
    try (FolderSource source = FolderSource.open(options)) {
      Files.delete(root.resolve("bird/b1.jpg"));
      List<Object> out = Streams.readSkipping(source, Cursor.start(0, 0), Sharding.SINGLE);
      assertThat(out).hasSize(6);
      Map<String, String> reasons = new HashMap<>();
      for (Object o : out) {
        if (o instanceof SampleReadException e) {
          assertThat(e.canContinue()).isTrue();
          reasons.put(Path.of(e.error().source()).getFileName().toString(), e.error().reason());
          assertThat(source.file(e.sampleId())).isEqualTo(e.error().source());
        }
      }
      assertThat(reasons)
          .isEqualTo(
              Map.of(
                  "c2.jpg",
                  "size=100 (expected: <= maxSampleBytes 50)",
                  "b1.jpg",
                  "unreadable: " + root.resolve("bird/b1.jpg") + ": no such file or directory",
                  "d1.jpg",
                  "unreadable: " + root.resolve("dog/d1.jpg") + ": permission denied"));
    }
  }

  @Test
  void accessorsNeedACurrentSampleAndNextNeedsAnOpenStream() throws IOException {
    animals(root);
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build())) {
      SampleStream s = source.open(Cursor.start(0, 0), Sharding.SINGLE);
      assertThatThrownBy(s::bytes).isInstanceOf(IllegalStateException.class);
      s.close();
      s.close();
      assertThatThrownBy(s::next).hasMessage("stream is closed");
    }
  }

  @Test
  void aStreamReadsEachFileIntoTheMemoryItIsLentAndIntoItsOwnWhenRefused() throws IOException {
    animals(root);
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build());
        Arena arena = Arena.ofConfined();
        SampleStream stream = source.open(Cursor.start(3, 0), Sharding.SINGLE)) {
      MemorySegment lender = arena.allocate(64);
      List<Long> asked = new ArrayList<>();
      // Lends its memory for every other sample and refuses the rest.
      stream.readInto(
          bytes -> {
            asked.add(bytes);
            return asked.size() % 2 == 1 ? lender.asSlice(0, bytes) : MemorySegment.NULL;
          });
      int n = 0;
      while (stream.next()) {
        n++;
        MemorySegment bytes = stream.bytes();
        String content = new String(bytes.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
        assertThat(content).isEqualTo(Files.readString(Path.of(stream.source())));
        assertThat(asked.getLast()).isEqualTo(content.length());
        boolean lent = bytes.address() == lender.address();
        assertThat(lent).as("sample %d read into the lent memory", n).isEqualTo(n % 2 == 1);
      }
      assertThat(n).isEqualTo(6);
    }
  }

  @Test
  void lentMemoryOfTheWrongSizeIsRefusedNamingBothSizes() throws IOException {
    animals(root);
    try (FolderSource source = FolderSource.open(FolderOptions.builder(root.toString()).build());
        Arena arena = Arena.ofConfined();
        SampleStream stream = source.open(Cursor.start(3, 0), Sharding.SINGLE)) {
      MemorySegment lender = arena.allocate(64);
      stream.readInto(bytes -> lender);
      assertThatThrownBy(stream::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageMatching("lent memory holds 64 bytes \\(expected: [56]\\)");
    }
  }
}
