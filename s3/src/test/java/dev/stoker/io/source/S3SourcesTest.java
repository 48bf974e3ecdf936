package dev.stoker.io.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.augment.Augmentation;
import dev.stoker.augment.Resize;
import dev.stoker.core.ElementType;
import dev.stoker.decode.DecodeOptions;
import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.Cursor;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.source.Streams.Sample;
import dev.stoker.io.storage.StorageEntry;
import dev.stoker.pipeline.Batch;
import dev.stoker.pipeline.ImageSampleProcessor;
import dev.stoker.pipeline.Pipeline;
import dev.stoker.pipeline.PipelineOptions;
import dev.stoker.s3.S3Storage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code s3a://} against a local S3 server: every dataset kind is written to disk, uploaded to a
 * bucket, and read both ways; the sources and the pipeline must return the same bytes.
 */
class S3SourcesTest {
  private static final String BUCKET = "s3a://data";
  private static final MessageType HF =
      MessageTypeParser.parseMessageType(
          "message hf { required group image { optional binary bytes; optional binary path"
              + " (STRING); } required int64 label; }");

  @TempDir static Path work;
  private static S3ProxyServer server;
  private static HadoopStorage s3;
  private static Path local;

  @BeforeAll
  static void startServerAndUpload() throws Exception {
    server = S3ProxyServer.start(work);
    try (S3Client client =
        S3Client.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
            .build()) {
      client.createBucket(b -> b.bucket("data"));
    }
    s3 =
        S3Storage.forEndpoint(
            server.endpoint(), S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    local = work.resolve("data");
    Files.createDirectories(local.resolve("tfrecord"));
    TfRecordShards.write(local.resolve("tfrecord"), 17, true);
    for (int i = 0; i < 5; i++) {
      jpeg(local.resolve("folder/cat/c" + i + ".jpg"), new Color(200, 40 + 20 * i, 30));
      jpeg(local.resolve("folder/dog/d" + i + ".jpg"), new Color(20, 90, 100 + 25 * i));
    }
    jpeg(local.resolve("folder/dog/puppies/p.jpg"), new Color(250, 250, 0));
    parquet(local.resolve("parquet/train.parquet"), 23);
    FileSystem fs = FileSystem.get(URI.create(BUCKET + "/"), s3.configuration());
    try (Stream<Path> files = Files.walk(local)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(f.toUri()),
            new org.apache.hadoop.fs.Path(BUCKET + "/" + local.relativize(f)));
      }
    }
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static void jpeg(Path file, Color color) throws IOException {
    BufferedImage image = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 24, 20);
    g.setColor(Color.WHITE);
    g.drawLine(0, 0, 23, 19);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, "jpeg", out)).isTrue();
    Files.createDirectories(file.getParent());
    Files.write(file, out.toByteArray());
  }

  private static void parquet(Path file, int rows) throws IOException {
    Files.createDirectories(file.getParent());
    SimpleGroupFactory groups = new SimpleGroupFactory(HF);
    try (ParquetWriter<Group> w =
        ExampleParquetWriter.builder(new LocalOutputFile(file))
            .withType(HF)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupRowCountLimit(5)
            .build()) {
      for (int r = 0; r < rows; r++) {
        Group g = groups.newGroup();
        Group image = g.addGroup("image");
        image.add("bytes", Binary.fromConstantByteArray(SourceContract.content(r)));
        image.add("path", "img-" + r + ".jpg");
        g.add("label", (long) (r % 4));
        w.write(g);
      }
    }
  }

  private static List<String> hex(Source source) throws IOException {
    return Streams.read(source, Cursor.start(2, 0), Sharding.SINGLE).stream()
        .map(Sample::hex)
        .toList();
  }

  @Test
  void listAndGlobSeeTheUploadedTree() throws IOException {
    List<StorageEntry> classes = s3.list(BUCKET + "/folder");
    assertThat(classes.stream().map(StorageEntry::name)).containsExactly("cat", "dog");
    assertThat(classes).allMatch(StorageEntry::directory);
    List<StorageEntry> cats = s3.list(BUCKET + "/folder/cat");
    assertThat(cats.stream().map(StorageEntry::size))
        .containsExactlyElementsOf(
            Stream.of("c0", "c1", "c2", "c3", "c4")
                .map(n -> local.resolve("folder/cat/" + n + ".jpg").toFile().length())
                .toList());
    assertThat(s3.glob(BUCKET + "/tfrecord/shard-*.tfrecord"))
        .hasSize(3)
        .allMatch(l -> l.startsWith(BUCKET + "/tfrecord/shard-") && l.endsWith(".tfrecord"));
    assertThat(s3.glob(BUCKET + "/tfrecord/*.idx")).hasSize(3);
    assertThat(s3.size(BUCKET + "/parquet/train.parquet"))
        .isEqualTo(Files.size(local.resolve("parquet/train.parquet")));
  }

  @Test
  void anIndexedTfRecordShardReadsTheSameRecords() throws IOException {
    TfRecordOptions remote =
        TfRecordOptions.builder(List.of(BUCKET + "/tfrecord/shard-*.tfrecord"))
            .storage(s3)
            .useIndexes(true)
            .build();
    try (TfRecordSource a =
            TfRecordSource.open(
                TfRecordOptions.builder(List.of(local + "/tfrecord/shard-*.tfrecord")).build());
        TfRecordSource b = TfRecordSource.open(remote)) {
      assertThat(b.isRandomAccess()).isTrue();
      assertThat(hex(b)).hasSize(17).isEqualTo(hex(a));
    }
  }

  @Test
  void aParquetFileReadsTheSameRows() throws IOException {
    try (ParquetSource a =
            ParquetSource.open(
                ParquetOptions.builder(List.of(local + "/parquet/train.parquet")).build());
        ParquetSource b =
            ParquetSource.open(
                ParquetOptions.builder(List.of(BUCKET + "/parquet/train.parquet"))
                    .storage(s3)
                    .build())) {
      assertThat(hex(b)).hasSize(23).isEqualTo(hex(a));
    }
  }

  @Test
  void aClassFolderDatasetGivesThePipelineTheSameBytes() throws IOException {
    try (FolderSource a = FolderSource.open(FolderOptions.builder(local + "/folder").build());
        FolderSource b =
            FolderSource.open(FolderOptions.builder(BUCKET + "/folder").storage(s3).build())) {
      assertThat(b.labelNames()).isEqualTo(a.labelNames()).containsExactly("cat", "dog");
      assertThat(hex(b)).hasSize(11).isEqualTo(hex(a));
      List<byte[]> fromDisk = batches(a);
      List<byte[]> fromS3 = batches(b);
      assertThat(fromS3).hasSize(3);
      assertThat(fromS3).containsExactlyElementsOf(fromDisk);
    }
  }

  @Test
  void anS3aLocationFindsHadoopStorageByItsScheme() {
    assertThat(TfRecordOptions.builder(List.of(BUCKET + "/tfrecord/x")).build().storage())
        .isInstanceOf(HadoopStorage.class);
  }

  /** Each batch's pixels followed by its labels, decoded and resized to 8×8. */
  private static List<byte[]> batches(Source source) {
    List<byte[]> out = new ArrayList<>();
    try (Pipeline pipeline =
        Pipeline.open(
            PipelineOptions.builder()
                .source(source)
                .processor(
                    ImageSampleProcessor.factory(
                        Augmentation.builder().add(new Resize(8, 8)).build(),
                        DecodeOptions.defaults()))
                .imageSize(8, 8)
                .elementType(ElementType.UINT8)
                .batchSize(4)
                .dropRemainder(false)
                .workers(2)
                .epochs(1)
                .seed(11)
                .build())) {
      while (pipeline.hasNext()) {
        try (Batch batch = pipeline.next()) {
          int pixels = batch.size() * 8 * 8 * 3;
          byte[] bytes = new byte[pixels + batch.size()];
          System.arraycopy(
              batch.images().asSlice(0, pixels).toArray(ValueLayout.JAVA_BYTE),
              0,
              bytes,
              0,
              pixels);
          for (int i = 0; i < batch.size(); i++) {
            bytes[pixels + i] = (byte) batch.label(i);
          }
          out.add(bytes);
        }
      }
    }
    return out;
  }
}
