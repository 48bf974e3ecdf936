package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.source.Streams.Sample;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Source} guarantees, stated once: each implementation writes the same dataset
 * (sample {@code i} holds the bytes {@code "sample-i"} and the label {@code i % 5}) in its format
 * and opens it.
 */
abstract class SourceContract {
  static final int N = 37;

  @TempDir Path dir;
  Source source;

  /** Writes samples 0..n-1 in the implementation's format and opens a source over them. */
  abstract Source create(Path dir, int n) throws IOException;

  /** Opens the dataset {@link #create} wrote again, through another storage and retry policy. */
  abstract Source reopen(Storage storage, RetryPolicy retry) throws IOException;

  /** A file of the dataset whose loss costs some samples but not all. */
  abstract String oneFile();

  static byte[] content(int i) {
    return ("sample-" + i).getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void open() throws IOException {
    source = create(dir, N);
  }

  @AfterEach
  void close() throws IOException {
    source.close();
  }

  private static int written(Sample s) {
    String text = new String(s.bytes(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("sample-");
    return Integer.parseInt(text.substring("sample-".length()));
  }

  @Test
  void anEpochDeliversEverySampleOnceWithItsLabel() throws IOException {
    assertThat(source.sampleCount()).hasValue(N);
    List<Sample> epoch = Streams.read(source, Cursor.start(11, 0), Sharding.SINGLE);
    assertThat(epoch).hasSize(N);
    Map<Integer, Long> idOf = new HashMap<>();
    for (Sample s : epoch) {
      int i = written(s);
      assertThat(s.label()).isEqualTo(i % 5);
      assertThat(s.id()).isBetween(0L, N - 1L);
      assertThat(idOf.put(i, s.id())).isNull();
    }
    assertThat(idOf).hasSize(N);
    assertThat(idOf.values()).doesNotHaveDuplicates();
  }

  @Test
  void sampleIdsAreStableAndOrdersDependOnSeedAndEpoch() throws IOException {
    List<Sample> a = Streams.read(source, Cursor.start(11, 0), Sharding.SINGLE);
    assertThat(Streams.read(source, Cursor.start(11, 0), Sharding.SINGLE)).isEqualTo(a);
    List<Sample> b = Streams.read(source, Cursor.start(11, 1), Sharding.SINGLE);
    assertThat(b.stream().map(Sample::id).toList())
        .isNotEqualTo(a.stream().map(Sample::id).toList());
    Map<Long, String> content = new HashMap<>();
    for (Sample s : a) {
      content.put(s.id(), s.hex());
    }
    for (Sample s : b) {
      assertThat(s.hex()).isEqualTo(content.get(s.id()));
    }
  }

  @Test
  void everyWorldSizeGetsEqualSharesCoveringTheEpoch() throws IOException {
    for (Sharding.Remainder remainder : Sharding.Remainder.values()) {
      for (int worldSize = 1; worldSize <= 12; worldSize++) {
        long per =
            remainder == Sharding.Remainder.PAD ? (N + worldSize - 1) / worldSize : N / worldSize;
        Map<Integer, Integer> seen = new HashMap<>();
        for (int rank = 0; rank < worldSize; rank++) {
          List<Sample> part =
              Streams.read(source, Cursor.start(3, 2), new Sharding(rank, worldSize, remainder));
          assertThat(part).as("%s world %d rank %d", remainder, worldSize, rank).hasSize((int) per);
          part.forEach(s -> seen.merge(written(s), 1, Integer::sum));
        }
        int total = seen.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isEqualTo(per * worldSize);
        if (remainder == Sharding.Remainder.PAD) {
          assertThat(seen).hasSize(N);
          assertThat(seen.values()).allMatch(c -> c <= 2);
        } else {
          assertThat(seen).hasSize((int) per * worldSize);
          assertThat(seen.values()).allMatch(c -> c == 1);
        }
      }
    }
  }

  private List<Sample> inOrder(Cursor cursor, Sharding sharding) throws IOException {
    try (SampleStream s = source.open(cursor, sharding, EpochOrder.IN_ORDER)) {
      return Streams.drain(s);
    }
  }

  @Test
  void inOrderEpochsReadTheIdsAscendingEveryEpochAndShardAndResumeLikeShuffledOnes()
      throws IOException {
    List<Sample> whole = inOrder(Cursor.start(11, 0), Sharding.SINGLE);
    assertThat(whole.stream().map(Sample::id).toList())
        .isEqualTo(java.util.stream.LongStream.range(0, N).boxed().toList());
    assertThat(inOrder(Cursor.start(12, 5), Sharding.SINGLE)).isEqualTo(whole);
    Map<Long, String> shuffled = new HashMap<>();
    for (Sample s : Streams.read(source, Cursor.start(11, 0), Sharding.SINGLE)) {
      shuffled.put(s.id(), s.hex());
    }
    for (Sample s : whole) {
      assertThat(s.hex()).as("sample %d", s.id()).isEqualTo(shuffled.get(s.id()));
      assertThat(s.label()).isEqualTo(written(s) % 5);
    }
    for (Sharding.Remainder remainder : Sharding.Remainder.values()) {
      int worldSize = 5; // 37 = 5 × 7 + 2: PAD wraps to the first ids, DROP leaves the last two
      int per = remainder == Sharding.Remainder.PAD ? 8 : 7;
      List<Sample> ranks = new ArrayList<>();
      for (int rank = 0; rank < worldSize; rank++) {
        List<Sample> part = inOrder(Cursor.start(3, 1), new Sharding(rank, worldSize, remainder));
        assertThat(part).as("%s rank %d", remainder, rank).hasSize(per);
        ranks.addAll(part);
      }
      for (int p = 0; p < ranks.size(); p++) {
        assertThat(ranks.get(p)).isEqualTo(whole.get(p % N));
      }
    }
    Sharding sharding = new Sharding(1, 3, Sharding.Remainder.PAD);
    List<Sample> share = inOrder(Cursor.start(7, 4), sharding);
    for (int k = 0; k <= share.size(); k++) {
      assertThat(inOrder(new Cursor(7, 4, k), sharding))
          .as("from %d", k)
          .isEqualTo(share.subList(k, share.size()));
    }
  }

  @Test
  void resumingAtEveryPositionYieldsTheTail() throws IOException {
    Sharding sharding = new Sharding(1, 3, Sharding.Remainder.PAD);
    List<Sample> whole = Streams.read(source, Cursor.start(7, 4), sharding);
    for (int k = 0; k <= whole.size(); k++) {
      assertThat(Streams.read(source, new Cursor(7, 4, k), sharding))
          .as("from %d", k)
          .isEqualTo(whole.subList(k, whole.size()));
    }
  }

  @Test
  void streamsAreIndependentAndCloseIsIdempotent() throws IOException {
    SampleStream a = source.open(Cursor.start(1, 0), Sharding.SINGLE);
    try (SampleStream b = source.open(Cursor.start(1, 0), Sharding.SINGLE)) {
      assertThat(a.next()).isTrue();
      Sample first = Streams.current(a);
      assertThat(b.next()).isTrue();
      assertThat(b.next()).isTrue();
      assertThat(Streams.current(a)).isEqualTo(first);
      assertThat(a.position()).isEqualTo(1);
      assertThat(b.position()).isEqualTo(2);
      a.close();
      a.close();
      assertThatThrownBy(a::next).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(a::bytes).isInstanceOf(IllegalStateException.class);
    }
    source.close();
    source.close();
    assertThatThrownBy(() -> source.open(Cursor.start(1, 0), Sharding.SINGLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageEndingWith(": source is closed");
  }

  @Test
  void concurrentStreamsReadWhatOneStreamReads() throws Exception {
    List<List<Sample>> expected = new ArrayList<>();
    for (int rank = 0; rank < 4; rank++) {
      expected.add(
          Streams.read(source, Cursor.start(5, 1), new Sharding(rank, 4, Sharding.Remainder.PAD)));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<Sample>>> got = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int rank = 0; rank < 4; rank++) {
          Sharding sharding = new Sharding(rank, 4, Sharding.Remainder.PAD);
          got.add(pool.submit(() -> Streams.read(source, Cursor.start(5, 1), sharding)));
        }
      }
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).get()).isEqualTo(expected.get(i % 4));
      }
    }
  }

  @Test
  void theEndIsFalseEveryTime() throws IOException {
    try (SampleStream s = source.open(new Cursor(1, 0, N), Sharding.SINGLE)) {
      assertThat(s.size()).isEqualTo(N);
      assertThat(s.next()).isFalse();
      assertThat(s.next()).isFalse();
      assertThat(s.position()).isEqualTo(N);
    }
  }

  /** Records back-off pauses instead of waiting them out. */
  static final class Pauses implements RetryPolicy.Sleeper {
    final List<Duration> taken = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration pause) {
      taken.add(pause);
    }
  }

  @Test
  void storageFaultsNeitherRepeatNorDropASample() throws IOException {
    List<Sample> clean = Streams.read(source, Cursor.start(13, 1), Sharding.SINGLE);
    for (long seed = 1; seed <= 4; seed++) {
      FaultyStorage faulty = new FaultyStorage(LocalStorage.INSTANCE, dir, seed, 0.15);
      Pauses pauses = new Pauses();
      RetryPolicy retry = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(80), pauses);
      List<Sample> got;
      try (Source flaky = reopen(faulty, retry)) {
        got = Streams.read(flaky, Cursor.start(13, 1), Sharding.SINGLE);
      }
      // Sample by sample: the same ids, in the same order, with the same bytes and labels.
      assertThat(got).as("seed %d", seed).isEqualTo(clean);
      assertThat(faulty.faults()).as("faults injected, seed %d", seed).isPositive();
      assertThat(pauses.taken).hasSizeGreaterThanOrEqualTo(faulty.faults());
      assertThat(pauses.taken)
          .allMatch(d -> d.compareTo(Duration.ofMillis(10)) >= 0)
          .allMatch(d -> d.compareTo(Duration.ofMillis(80)) <= 0);
    }
  }

  @Test
  void aFileThatStaysDownCostsItsSamplesOnceEachAndNamesTheAttempts() throws IOException {
    List<Sample> clean = Streams.read(source, Cursor.start(13, 1), Sharding.SINGLE);
    Map<Long, Sample> byId = new HashMap<>();
    clean.forEach(s -> byId.put(s.id(), s));
    FaultyStorage faulty = new FaultyStorage(LocalStorage.INSTANCE, dir, 7, 0);
    Pauses pauses = new Pauses();
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), pauses);
    List<Object> got;
    try (Source flaky = reopen(faulty, retry)) {
      String dead = oneFile();
      faulty.down(location -> location.endsWith(dead));
      got = Streams.readSkipping(flaky, Cursor.start(13, 1), Sharding.SINGLE);
    }
    assertThat(got).hasSize(N);
    List<Long> ids = new ArrayList<>();
    int lost = 0;
    for (int k = 0; k < N; k++) {
      Object o = got.get(k);
      if (o instanceof SampleReadException e) {
        lost++;
        assertThat(e.canContinue()).isTrue();
        assertThat(e.error().source()).endsWith(oneFile());
        assertThat(e.getMessage())
            .contains("failed after 3 attempts")
            .contains("connection refused");
        ids.add(e.sampleId());
        assertThat(e.sampleId()).isEqualTo(clean.get(k).id());
      } else {
        Sample s = (Sample) o;
        assertThat(s).isEqualTo(clean.get(k));
        ids.add(s.id());
      }
    }
    assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(byId.keySet());
    assertThat(lost).isBetween(1, N - 1);
    assertThat(pauses.taken).startsWith(Duration.ofMillis(5), Duration.ofMillis(10));
  }
}
