package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.source.Streams.Sample;
import dev.stoker.io.storage.LocalStorage;
import dev.stoker.io.storage.RetryPolicy;
import dev.stoker.tfrecord.TfRecordCompression;
import dev.stoker.tfrecord.TfRecordWriter;
import dev.stoker.tfrecord.TfRecordWriterOptions;
import dev.stoker.tfrecord.example.ExampleWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A TFRecord source opened with {@code Counting.NONE}: it starts without reading any shard, and its
 * streams read an epoch's permutation of shards, each rank its share of the shards.
 *
 * <p>Every record holds the text {@code "s<shard>-<record>"}, so what was read is checked against
 * what was written, not against the code under test.
 */
class UncountedTfRecordSourceTest {
  /** Records per shard: uneven, with an empty shard. */
  static final int[] RECORDS = {5, 3, 0, 7, 4, 6, 2, 5, 1};

  @TempDir Path dir;

  static String name(int k) {
    return String.format(Locale.ROOT, "shard-%03d.tfrecord", k);
  }

  static String text(int shard, int record) {
    return "s" + shard + "-" + record;
  }

  static void write(Path dir, int[] records, TfRecordCompression compression) throws IOException {
    for (int k = 0; k < records.length; k++) {
      try (TfRecordWriter w =
          TfRecordWriter.open(
              dir.resolve(name(k)),
              TfRecordWriterOptions.builder().compression(compression).build())) {
        for (int r = 0; r < records[k]; r++) {
          w.write(
              new ExampleWriter()
                  .putBytes("image/encoded", text(k, r).getBytes(StandardCharsets.UTF_8))
                  .putInt64s("image/class/label", (k * 10 + r) % 7)
                  .toByteArray());
        }
      }
    }
  }

  TfRecordSource open(TfRecordCompression compression, int cycle) throws IOException {
    return open(
        TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
            .compression(compression)
            .cycle(cycle)
            .counting(TfRecordOptions.Counting.NONE));
  }

  static TfRecordSource open(TfRecordOptions.Builder options) throws IOException {
    return TfRecordSource.open(options.build());
  }

  static String text(Sample s) {
    return new String(s.bytes(), StandardCharsets.UTF_8);
  }

  /** What a stream gave at each position: a sample's text and id, or a bad sample's report. */
  static List<String> outcomes(SampleStream stream) throws IOException {
    List<String> out = new ArrayList<>();
    while (true) {
      try {
        if (!stream.next()) {
          return out;
        }
        Sample s = Streams.current(stream);
        out.add(text(s) + " id=" + s.id() + " label=" + s.label() + " at " + s.position());
      } catch (SampleReadException e) {
        assertThat(e.canContinue()).isTrue();
        out.add("bad id=" + e.sampleId() + " " + e.error().position() + " " + e.error().reason());
      }
    }
  }

  static List<String> outcomes(TfRecordSource source, Cursor cursor, Sharding sharding)
      throws IOException {
    try (SampleStream stream = source.open(cursor, sharding)) {
      return outcomes(stream);
    }
  }

  static List<String> texts(TfRecordSource source, Cursor cursor, Sharding sharding)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (Sample s : Streams.read(source, cursor, sharding)) {
      out.add(text(s));
    }
    return out;
  }

  /** The texts of the good samples among {@link #outcomes}. */
  static List<String> goodTexts(List<String> outcomes) {
    List<String> good = new ArrayList<>();
    for (String o : outcomes) {
      if (!o.startsWith("bad")) {
        good.add(o.substring(0, o.indexOf(' ')));
      }
    }
    return good;
  }

  static List<String> every(int[] records) {
    List<String> all = new ArrayList<>();
    for (int k = 0; k < records.length; k++) {
      for (int r = 0; r < records[k]; r++) {
        all.add(text(k, r));
      }
    }
    return all;
  }

  @Test
  void theOpenExpandsTheGlobAndReadsNothingElse() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    CountingStorage storage = new CountingStorage(LocalStorage.INSTANCE, Duration.ZERO);
    try (TfRecordSource source =
        open(
            TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
                .storage(storage)
                .counting(TfRecordOptions.Counting.NONE))) {
      assertThat(storage.total()).isEqualTo(1);
      assertThat(storage.calls("glob")).isEqualTo(1);
      assertThat(storage.opened()).isEmpty();
      assertThat(source.sampleCount()).isEmpty();
      assertThat(source.isRandomAccess()).isFalse();
      assertThatThrownBy(source::recordCounts)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("counting=NONE");
      SampleStream stream = source.open(Cursor.start(1, 0), Sharding.SINGLE);
      assertThat(stream.size()).isEqualTo(SampleStream.UNKNOWN_SIZE);
      assertThat(stream.position()).isZero();
      assertThat(storage.opened()).as("nothing is read before next()").isEmpty();
      assertThat(Streams.drain(stream)).hasSize(every(RECORDS).size());
      assertThat(stream.position()).isEqualTo(every(RECORDS).size());
      assertThat(stream.next()).as("the end, every time").isFalse();
      assertThat(stream.next()).isFalse();
      assertThatThrownBy(stream::sampleId).isInstanceOf(IllegalStateException.class);
      stream.close();
      stream.close();
      assertThatThrownBy(stream::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("stream is closed");
    }
  }

  /** The storage calls from the open to the first sample, for {@code shards} shards. */
  private long callsBeforeTheFirstSample(int shards) throws IOException {
    Path d = Files.createDirectories(dir.resolve("n" + shards));
    int[] records = new int[shards];
    Arrays.fill(records, 3);
    write(d, records, TfRecordCompression.NONE);
    CountingStorage storage = new CountingStorage(LocalStorage.INSTANCE, Duration.ZERO);
    try (TfRecordSource source =
            open(
                TfRecordOptions.builder(List.of(d + "/shard-*.tfrecord"))
                    .storage(storage)
                    .counting(TfRecordOptions.Counting.NONE));
        SampleStream stream = source.open(Cursor.start(3, 0), Sharding.SINGLE)) {
      assertThat(stream.next()).isTrue();
      return storage.total();
    }
  }

  @Test
  void theCallsBeforeTheFirstSampleDoNotGrowWithTheShardCount() throws IOException {
    long ten = callsBeforeTheFirstSample(10);
    long thousand = callsBeforeTheFirstSample(1000);
    assertThat(thousand).isEqualTo(ten);
    // glob, then the first shard: open and one read
    assertThat(ten).isLessThanOrEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(
      value = TfRecordCompression.class,
      names = {"NONE", "GZIP"})
  void oneRankReadsEveryRecordOnceInEachShardsFileOrder(TfRecordCompression compression)
      throws IOException {
    write(dir, RECORDS, compression);
    try (TfRecordSource source = open(compression, 3)) {
      List<String> epoch = texts(source, Cursor.start(7, 0), Sharding.SINGLE);
      assertThat(epoch).containsExactlyInAnyOrderElementsOf(every(RECORDS));
      Map<String, Integer> lastRecord = new HashMap<>();
      for (String t : epoch) {
        String shard = t.substring(0, t.indexOf('-'));
        int record = Integer.parseInt(t.substring(t.indexOf('-') + 1));
        assertThat(record).isEqualTo(lastRecord.getOrDefault(shard, -1) + 1);
        lastRecord.put(shard, record);
      }
    }
  }

  @Test
  void theOrderIsTheInterleaveThatCountedShardsPlan() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    TfRecordOptions.Builder counted =
        TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
            .cycle(3)
            .useIndexes(false)
            .useManifest(false);
    try (TfRecordSource uncounted = open(TfRecordCompression.NONE, 3);
        TfRecordSource upFront = open(counted)) {
      for (long epoch = 0; epoch < 3; epoch++) {
        assertThat(texts(uncounted, Cursor.start(5, epoch), Sharding.SINGLE))
            .isEqualTo(texts(upFront, Cursor.start(5, epoch), Sharding.SINGLE));
      }
    }
  }

  @Test
  void idsAreUniqueAndStableAcrossRunsAndEpochsWhileTheOrderChanges() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    Map<String, Long> idOf = new HashMap<>();
    List<List<String>> orders = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (TfRecordSource source = open(TfRecordCompression.NONE, 2)) {
        for (long epoch = 0; epoch < 3; epoch++) {
          List<Sample> samples = Streams.read(source, Cursor.start(9, epoch), Sharding.SINGLE);
          Set<Long> ids = new HashSet<>();
          List<String> order = new ArrayList<>();
          for (Sample s : samples) {
            assertThat(ids.add(s.id())).as("unique id %s", s.id()).isTrue();
            assertThat(s.id()).isNotNegative();
            Long before = idOf.putIfAbsent(text(s), s.id());
            if (before != null) {
              assertThat(s.id()).as("id of %s", text(s)).isEqualTo(before);
            }
            order.add(text(s));
          }
          if (run == 0) {
            orders.add(order);
          } else {
            assertThat(order).isEqualTo(orders.get((int) epoch));
          }
        }
      }
    }
    assertThat(idOf).hasSize(every(RECORDS).size());
    assertThat(orders.get(1)).isNotEqualTo(orders.get(0));
    assertThat(orders.get(2)).isNotEqualTo(orders.get(1));
    // shard 3's record 4 and shard 0's record 0: the shard in the high bits, the record low
    assertThat(idOf.get(text(3, 4))).isEqualTo((3L << 32) | 4);
    assertThat(idOf.get(text(0, 0))).isZero();
  }

  @Test
  void inOrderReadsTheShardsInFileOrderOneAfterTheOtherWithAscendingIds() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    try (TfRecordSource source = open(TfRecordCompression.NONE, 4)) {
      for (long epoch = 0; epoch < 2; epoch++) {
        List<String> texts = new ArrayList<>();
        long last = -1;
        try (SampleStream stream =
            source.open(Cursor.start(epoch + 1, epoch), Sharding.SINGLE, EpochOrder.IN_ORDER)) {
          for (Sample s : Streams.drain(stream)) {
            texts.add(text(s));
            assertThat(s.id()).isGreaterThan(last);
            last = s.id();
          }
        }
        assertThat(texts).isEqualTo(every(RECORDS));
      }
    }
  }

  /** Which shard a record's text names. */
  static int shardOf(String text) {
    return Integer.parseInt(text.substring(1, text.indexOf('-')));
  }

  @ParameterizedTest
  @EnumSource(Sharding.Remainder.class)
  void ranksTakeEqualSharesOfTheShardsCoveringTheEpoch(Sharding.Remainder remainder)
      throws IOException {
    int[] records = {4, 2, 6, 3, 5, 1, 7}; // 7 shards over 3 ranks, none empty
    write(dir, records, TfRecordCompression.NONE);
    try (TfRecordSource source = open(TfRecordCompression.NONE, 2)) {
      for (long epoch = 0; epoch < 2; epoch++) {
        List<List<String>> ranks = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          ranks.add(texts(source, Cursor.start(4, epoch), new Sharding(r, 3, remainder)));
        }
        Map<Integer, Integer> reads = new HashMap<>(); // shard -> ranks that read it
        for (List<String> rank : ranks) {
          Set<Integer> shards = new LinkedHashSet<>();
          for (String t : rank) {
            shards.add(shardOf(t));
          }
          assertThat(shards).hasSize(remainder == Sharding.Remainder.PAD ? 3 : 2);
          for (int shard : shards) {
            reads.merge(shard, 1, Integer::sum);
            // a rank reads the whole shard, each record once
            List<String> whole = new ArrayList<>();
            for (int i = 0; i < records[shard]; i++) {
              whole.add(text(shard, i));
            }
            assertThat(rank.stream().filter(t -> shardOf(t) == shard).toList()).isEqualTo(whole);
          }
        }
        if (remainder == Sharding.Remainder.PAD) {
          // 9 places for 7 shards: the first two shards of the permutation, which rank 0 opens
          // first, are read twice
          assertThat(reads).hasSize(7);
          List<Integer> rankZero = new ArrayList<>(new LinkedHashSet<>(shardsOf(ranks.get(0))));
          for (Map.Entry<Integer, Integer> e : reads.entrySet()) {
            int expected = rankZero.subList(0, 2).contains(e.getKey()) ? 2 : 1;
            assertThat(e.getValue()).as("shard %d", e.getKey()).isEqualTo(expected);
          }
        } else {
          // 6 places: one shard, the last of the permutation, is left out; the others once each
          assertThat(reads).hasSize(6);
          assertThat(reads.values()).containsOnly(1);
        }
      }
    }
  }

  private static List<Integer> shardsOf(List<String> texts) {
    return texts.stream().map(UncountedTfRecordSourceTest::shardOf).toList();
  }

  @Test
  void aDropShareCanBeEmptyWhenRanksOutnumberShards() throws IOException {
    write(dir, new int[] {2, 3}, TfRecordCompression.NONE);
    try (TfRecordSource source = open(TfRecordCompression.NONE, 2)) {
      assertThat(texts(source, Cursor.start(1, 0), new Sharding(2, 3, Sharding.Remainder.DROP)))
          .isEmpty();
      assertThat(texts(source, Cursor.start(1, 0), new Sharding(2, 3, Sharding.Remainder.PAD)))
          .isNotEmpty();
    }
  }

  /** Overwrites the length CRC of the frame at {@code offset}, so the frame's header is bad. */
  static void breakHeader(Path shard, long offset) throws IOException {
    try (FileChannel c = FileChannel.open(shard, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), offset + 8);
    }
  }

  /** The header offset of record {@code r} in a shard written by {@link #write}. */
  static long offsetOf(int shard, int r) {
    long offset = 0;
    for (int i = 0; i < r; i++) {
      int payload =
          new ExampleWriter()
              .putBytes("image/encoded", text(shard, i).getBytes(StandardCharsets.UTF_8))
              .putInt64s("image/class/label", (shard * 10 + i) % 7)
              .toByteArray()
              .length;
      offset += 16 + payload;
    }
    return offset;
  }

  @Test
  void damageInsideAShardIsOneBadSampleAndEndsOnlyThatShard() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    Path shard3 = dir.resolve(name(3));
    long at = offsetOf(3, 4);
    breakHeader(shard3, at);
    Files.writeString(dir.resolve(name(7)), "x", StandardOpenOption.APPEND); // truncated end
    try (TfRecordSource source = open(TfRecordCompression.NONE, 3)) {
      List<String> out = outcomes(source, Cursor.start(2, 1), Sharding.SINGLE);
      List<String> bad = out.stream().filter(o -> o.startsWith("bad")).toList();
      assertThat(bad).hasSize(2);
      assertThat(bad)
          .anySatisfy(
              b ->
                  assertThat(b)
                      .startsWith("bad id=" + ((3L << 32) | 4) + " offset " + at + " " + shard3)
                      .contains("record 4 at offset " + at)
                      .endsWith("; the rest of the shard is not read"));
      assertThat(bad)
          .anySatisfy(
              b ->
                  assertThat(b)
                      .startsWith("bad id=" + ((7L << 32) | 5) + " offset " + offsetOf(7, 5))
                      .contains(dir.resolve(name(7)).toString())
                      .endsWith("; the rest of the shard is not read"));
      List<String> good = goodTexts(out);
      List<String> expected = new ArrayList<>(every(RECORDS));
      expected.removeAll(List.of(text(3, 4), text(3, 5), text(3, 6)));
      assertThat(good).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** Flips one byte of the payload of the frame at {@code offset}; its header stays sound. */
  static void breakPayload(Path shard, long offset) throws IOException {
    try (FileChannel c =
        FileChannel.open(shard, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      long at = offset + 12 + 3;
      c.read(one, at);
      one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
      c.write(one, at);
    }
  }

  @Test
  void aPayloadThatFailsItsChecksumCostsThatRecordOnlyAndResumesLandWhereTheFullReadDid()
      throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    Path shard3 = dir.resolve(name(3));
    long at = offsetOf(3, 2);
    breakPayload(shard3, at);
    try (TfRecordSource source = open(TfRecordCompression.NONE, 3)) {
      List<String> full = outcomes(source, Cursor.start(2, 1), Sharding.SINGLE);
      assertThat(full.stream().filter(o -> o.startsWith("bad")).toList())
          .singleElement()
          .satisfies(
              b ->
                  assertThat(b)
                      .startsWith("bad id=" + ((3L << 32) | 2) + " offset " + at + " " + shard3)
                      .contains("dataCrc=")
                      .doesNotContain("the rest of the shard"));
      List<String> good = goodTexts(full);
      List<String> expected = new ArrayList<>(every(RECORDS));
      expected.remove(text(3, 2));
      assertThat(good).containsExactlyInAnyOrderElementsOf(expected);
      // A replay walks headers only and never sees the damage: it must step as the read did.
      for (int p = 0; p <= full.size(); p++) {
        try (SampleStream stream = source.open(new Cursor(2, 1, p), Sharding.SINGLE)) {
          assertThat(outcomes(stream))
              .as("resumed at %d", p)
              .isEqualTo(full.subList(p, full.size()));
        }
      }
    }
  }

  @Test
  void aMissingShardIsOneBadSampleNamingIt() throws IOException {
    write(dir, new int[] {3, 2}, TfRecordCompression.NONE);
    String missing = dir.resolve("gone.tfrecord").toString();
    try (TfRecordSource source =
        open(
            TfRecordOptions.builder(
                    List.of(dir.resolve(name(0)).toString(), missing, dir.resolve(name(1)) + ""))
                .counting(TfRecordOptions.Counting.NONE))) {
      List<String> out = outcomes(source, Cursor.start(0, 0), Sharding.SINGLE);
      assertThat(out).hasSize(6);
      assertThat(out.stream().filter(o -> o.startsWith("bad")).toList())
          .singleElement()
          .satisfies(
              b ->
                  assertThat(b)
                      .startsWith("bad id=" + (1L << 32) + " offset 0 unreadable: ")
                      .contains(missing)
                      .endsWith("; the rest of the shard is not read"));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TfRecordCompression.class,
      names = {"NONE", "GZIP"})
  void resumingAtEveryPositionYieldsTheTailOfTheFullRead(TfRecordCompression compression)
      throws IOException {
    write(dir, RECORDS, compression);
    if (compression == TfRecordCompression.NONE) {
      breakHeader(dir.resolve(name(5)), offsetOf(5, 2));
      Files.writeString(dir.resolve(name(1)), "xyz", StandardOpenOption.APPEND);
    }
    Sharding sharding = new Sharding(1, 2, Sharding.Remainder.PAD);
    try (TfRecordSource source = open(compression, 3)) {
      for (EpochOrder order : EpochOrder.values()) {
        List<String> full;
        try (SampleStream s = source.open(Cursor.start(6, 2), sharding, order)) {
          full = outcomes(s);
          assertThat(s.position()).isEqualTo(full.size());
        }
        if (compression == TfRecordCompression.NONE && order == EpochOrder.SHUFFLED) {
          assertThat(full).anyMatch(o -> o.startsWith("bad")); // the replay crosses damage
        }
        for (int p = 0; p <= full.size(); p++) {
          try (SampleStream s = source.open(new Cursor(6, 2, p), sharding, order)) {
            assertThat(s.position()).isEqualTo(p);
            assertThat(outcomes(s)).as("resumed at %d", p).isEqualTo(full.subList(p, full.size()));
          }
        }
        try (SampleStream s = source.open(new Cursor(6, 2, full.size() + 1), sharding, order)) {
          assertThatThrownBy(s::next)
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("position=" + (full.size() + 1) + " (expected: at most");
        }
      }
    }
  }

  @Test
  void aResumeWalksHeadersWithoutReadingThePayloads() throws IOException {
    // 3 shards of 6 records of 300 KiB: reading a record costs at least one read of its own, a
    // header 64 KiB windows apart from the last costs one read.
    int records = 6;
    byte[] big = new byte[300 * 1024];
    for (int k = 0; k < 3; k++) {
      try (TfRecordWriter w =
          TfRecordWriter.open(dir.resolve(name(k)), TfRecordWriterOptions.builder().build())) {
        for (int r = 0; r < records; r++) {
          big[0] = (byte) r;
          w.write(
              new ExampleWriter()
                  .putBytes("image/encoded", big)
                  .putInt64s("image/class/label", k)
                  .toByteArray());
        }
      }
    }
    CountingStorage storage = new CountingStorage(LocalStorage.INSTANCE, Duration.ZERO);
    try (TfRecordSource source =
        open(
            TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
                .storage(storage)
                .cycle(3)
                .counting(TfRecordOptions.Counting.NONE))) {
      long before = storage.calls("read");
      try (SampleStream s = source.open(new Cursor(1, 0, 15), Sharding.SINGLE)) {
        assertThat(s.next()).isTrue();
        // 15 headers (15 reads) and the next record's frame; reading the 15 records would take
        // at least 2 reads each
        assertThat(storage.calls("read") - before).isLessThanOrEqualTo(15 + 3);
        assertThat(storage.calls("openSequential")).isZero();
      }
    }
  }

  @Test
  void aGzipShardDamagedMidStreamEndsThatShard() throws IOException {
    write(dir, new int[] {40, 3}, TfRecordCompression.GZIP);
    Path shard0 = dir.resolve(name(0));
    byte[] bytes = Files.readAllBytes(shard0);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(shard0, bytes);
    try (TfRecordSource source = open(TfRecordCompression.GZIP, 2)) {
      List<String> out = outcomes(source, Cursor.start(0, 0), Sharding.SINGLE);
      List<String> bad = out.stream().filter(o -> o.startsWith("bad")).toList();
      assertThat(bad)
          .singleElement()
          .satisfies(b -> assertThat(b).contains(shard0.toString()).endsWith("not read"));
      for (int r = 0; r < 3; r++) {
        String t = text(1, r);
        assertThat(out).anyMatch(o -> o.startsWith(t + " "));
      }
    }
  }

  @Test
  void storageFaultsNeitherRepeatNorDropARecord() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    List<String> clean;
    try (TfRecordSource source = open(TfRecordCompression.NONE, 3)) {
      clean = outcomes(source, Cursor.start(13, 1), Sharding.SINGLE);
    }
    for (long seed = 1; seed <= 3; seed++) {
      FaultyStorage faulty = new FaultyStorage(LocalStorage.INSTANCE, dir, seed, 0.15);
      SourceContract.Pauses pauses = new SourceContract.Pauses();
      RetryPolicy retry = new RetryPolicy(10, Duration.ofMillis(10), Duration.ofMillis(80), pauses);
      try (TfRecordSource flaky =
          open(
              TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
                  .storage(faulty)
                  .retry(retry)
                  .cycle(3)
                  .counting(TfRecordOptions.Counting.NONE))) {
        // Record by record: the same ids, texts, labels and offsets, in the same order.
        assertThat(outcomes(flaky, Cursor.start(13, 1), Sharding.SINGLE))
            .as("seed %d", seed)
            .isEqualTo(clean);
        // and a resume through the faults replays to the same place
        try (SampleStream s = flaky.open(new Cursor(13, 1, 20), Sharding.SINGLE)) {
          assertThat(outcomes(s)).isEqualTo(clean.subList(20, clean.size()));
        }
      }
      assertThat(faulty.faults()).as("faults injected, seed %d", seed).isPositive();
    }
  }

  @Test
  void aShardThatStaysDownIsOneBadSampleNamingTheAttempts() throws IOException {
    write(dir, RECORDS, TfRecordCompression.NONE);
    FaultyStorage faulty = new FaultyStorage(LocalStorage.INSTANCE, dir, 7, 0);
    RetryPolicy retry =
        new RetryPolicy(
            3, Duration.ofMillis(5), Duration.ofMillis(20), new SourceContract.Pauses());
    try (TfRecordSource flaky =
        open(
            TfRecordOptions.builder(List.of(dir + "/shard-*.tfrecord"))
                .storage(faulty)
                .retry(retry)
                .cycle(3)
                .counting(TfRecordOptions.Counting.NONE))) {
      faulty.down(location -> location.endsWith(name(4)));
      List<String> out = outcomes(flaky, Cursor.start(13, 1), Sharding.SINGLE);
      assertThat(out.stream().filter(o -> o.startsWith("bad")).toList())
          .singleElement()
          .satisfies(
              b ->
                  assertThat(b)
                      .startsWith("bad id=" + (4L << 32) + " offset 0 unreadable: ")
                      .contains("failed after 3 attempts")
                      .endsWith("; the rest of the shard is not read"));
      List<String> expected = new ArrayList<>(every(RECORDS));
      expected.removeIf(t -> shardOf(t) == 4);
      assertThat(
              out.stream()
                  .filter(o -> !o.startsWith("bad"))
                  .map(o -> o.substring(0, o.indexOf(' '))))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void concurrentStreamsReadWhatOneStreamReads() throws Exception {
    write(dir, RECORDS, TfRecordCompression.NONE);
    try (TfRecordSource source = open(TfRecordCompression.NONE, 3)) {
      List<String> alone = outcomes(source, Cursor.start(21, 4), Sharding.SINGLE);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          runs.add(pool.submit(() -> outcomes(source, Cursor.start(21, 4), Sharding.SINGLE)));
        }
        for (Future<List<String>> run : runs) {
          assertThat(run.get()).isEqualTo(alone);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
