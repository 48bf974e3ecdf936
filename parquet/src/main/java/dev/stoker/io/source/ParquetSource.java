package dev.stoker.io.source;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoker.core.Checks;
import dev.stoker.core.error.SampleError;
import dev.stoker.core.error.SamplePosition;
import dev.stoker.hadoop.HadoopStorage;
import dev.stoker.io.Cursor;
import dev.stoker.io.EpochOrder;
import dev.stoker.io.EpochPlan;
import dev.stoker.io.SampleReadException;
import dev.stoker.io.SampleStream;
import dev.stoker.io.Sharding;
import dev.stoker.io.Source;
import dev.stoker.io.storage.RetryingStorage;
import dev.stoker.io.storage.Storage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.HadoopParquetConfiguration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

/**
 * Images in Parquet shards: the Hugging Face layout ({@code image: struct<bytes: binary, path:
 * string>, label: int64}) or a flat one (a binary column and an integer label column), chosen by
 * {@link ParquetOptions#imageColumn()}'s type.
 *
 * <ul>
 *   <li><b>Only two columns are read</b>: the image bytes and the label (the projection skips
 *       {@code image.path} and everything else). Every codec and encoding parquet-java reads works:
 *       SNAPPY, GZIP, ZSTD, LZ4, uncompressed; PLAIN and dictionary; V1 and V2 data pages.
 *   <li><b>A row group is the unit of work.</b> Epochs permute the row groups and interleave {@link
 *       ParquetOptions#cycle()} of them, shuffling rows within each ({@link EpochPlan.Mode#UNITS}
 *       with {@code shuffleWithinUnits}): a stream decodes a row group's two column chunks whole
 *       and holds at most {@code cycle + 1} decoded row groups on the heap.
 *   <li><b>Sample ids</b> number the rows of all files in order; positions are rows within the
 *       file.
 *   <li><b>Labels names</b> come from the Hugging Face metadata ({@code ClassLabel} names of the
 *       label feature) in the first file, else from {@link ParquetOptions#labelNames()}.
 *   <li><b>Errors at open</b>, each naming the file: a missing file, no file matching a glob, a
 *       missing column, a column of the wrong type, an unreadable footer, an empty dataset. <b>Per
 *       sample</b>: a NULL image, NULL bytes, a NULL label, an image over {@link
 *       ParquetOptions#maxSampleBytes()}, or a row group that fails to decode, each a {@link
 *       SampleReadException} naming file and row, which the stream can read past. The size bound is
 *       checked on the decoded cell; pages themselves are sized by parquet-java from the footer.
 * </ul>
 *
 * <p><b>Ownership and threading.</b> See {@link Source}. The source keeps every file's footer on
 * the heap and no file open; each stream opens the file of a row group when it needs it and closes
 * it once the row group is decoded.
 */
public final class ParquetSource implements Source {
  /** Reads the Hugging Face metadata; thread-safe once configured. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ParquetOptions options;
  private final Storage storage;
  private final List<ShardFile> files;
  private final List<Unit> units;
  private final long[] unitSizes;
  private final long total;
  private final List<String> labelNames;
  private final ParquetConfiguration conf;
  private volatile boolean closed;

  /** One file: its footer and the columns to read. */
  private record ShardFile(
      String location,
      ParquetMetadata footer,
      MessageType projection,
      ColumnDescriptor image,
      ColumnDescriptor label,
      boolean imageGroupOptional) {}

  /** One row group: the unit of work. */
  private record Unit(int file, int rowGroup, long firstRow) {}

  private ParquetSource(
      ParquetOptions options,
      List<ShardFile> files,
      List<Unit> units,
      long[] sizes,
      List<String> names,
      ParquetConfiguration conf) {
    this.options = options;
    this.storage = RetryingStorage.wrap(options.storage(), options.retry());
    this.conf = conf;
    this.files = files;
    this.units = units;
    this.unitSizes = sizes;
    long sum = 0;
    for (long s : sizes) {
      sum += s;
    }
    this.total = sum;
    this.labelNames = names;
  }

  /**
   * Reads every shard's footer, checks the columns and opens the source.
   *
   * @param options the shards and columns
   * @return the source, which the caller closes
   * @throws IOException when a file is missing or unreadable, a glob matches nothing, a column is
   *     missing or of the wrong type, or the dataset has no rows; the message names the file
   */
  public static ParquetSource open(ParquetOptions options) throws IOException {
    Storage storage = RetryingStorage.wrap(options.storage(), options.retry());
    List<String> locations = Shards.resolve(storage, options.files());
    List<ShardFile> files = new ArrayList<>();
    List<Unit> units = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    List<String> names = options.labelNames();
    ParquetConfiguration conf = configuration(storage);
    // Every footer is read at open (the row groups' row counts plan the epoch), 16 files at a time.
    List<ParquetMetadata> footers =
        OpenTasks.run(locations, location -> footer(storage, location, conf));
    for (int f = 0; f < locations.size(); f++) {
      String location = locations.get(f);
      ParquetMetadata footer = footers.get(f);
      ShardFile file = resolveColumns(location, footer, options);
      if (files.isEmpty() && names.isEmpty()) {
        names = hfLabelNames(location, footer, options.labelColumn());
      }
      long row = 0;
      List<BlockMetaData> blocks = footer.getBlocks();
      for (int b = 0; b < blocks.size(); b++) {
        units.add(new Unit(files.size(), b, row));
        sizes.add(blocks.get(b).getRowCount());
        row += blocks.get(b).getRowCount();
      }
      files.add(file);
    }
    long[] unitSizes = sizes.stream().mapToLong(Long::longValue).toArray();
    long rows = sizes.stream().mapToLong(Long::longValue).sum();
    if (rows == 0) {
      throw new IOException(
          String.join(", ", locations) + ": the dataset is empty (expected: at least one row)");
    }
    return new ParquetSource(
        options, List.copyOf(files), List.copyOf(units), unitSizes, names, conf);
  }

  private static ParquetMetadata footer(Storage storage, String location, ParquetConfiguration conf)
      throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(new StorageInputFile(storage, location), readOptions(conf))) {
      return reader.getFooter();
    } catch (FileSystemException | InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new IOException(location + ": not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  /**
   * Options for one Parquet reader. Parquet's plain {@code builder()} loads a fresh Hadoop {@code
   * Configuration} (its XML resources) every time, which cost milliseconds per row group; one
   * configuration per source is loaded once and shared (readers only read it).
   */
  private static ParquetReadOptions readOptions(ParquetConfiguration conf) {
    return ParquetReadOptions.builder(conf).usePageChecksumVerification(true).build();
  }

  private static ParquetConfiguration configuration(Storage storage) {
    return new HadoopParquetConfiguration(
        RetryingStorage.unwrap(storage) instanceof HadoopStorage hadoop
            ? hadoop.configuration()
            : new Configuration());
  }

  private static ShardFile resolveColumns(
      String location, ParquetMetadata footer, ParquetOptions options) throws IOException {
    MessageType schema = footer.getFileMetaData().getSchema();
    String imageName = options.imageColumn();
    String labelName = options.labelColumn();
    List<String> columns = schema.getFields().stream().map(Type::getName).toList();
    if (!schema.containsField(imageName)) {
      throw new IOException(
          location
              + ": no column '"
              + imageName
              + "' (expected: an image column, struct<bytes, path> or binary; columns: "
              + columns
              + ")");
    }
    if (!schema.containsField(labelName)) {
      throw new IOException(
          location
              + ": no column '"
              + labelName
              + "' (expected: an INT32 or INT64 label column; columns: "
              + columns
              + ")");
    }
    Type image = schema.getType(imageName);
    Type imageField;
    String[] imagePath;
    boolean groupOptional = false;
    Type projectedImage;
    if (image.isPrimitive()) {
      imageField = image;
      imagePath = new String[] {imageName};
      projectedImage = image;
    } else {
      GroupType group = image.asGroupType();
      if (!group.containsField("bytes") || group.isRepetition(Type.Repetition.REPEATED)) {
        throw new IOException(
            location
                + ": column '"
                + imageName
                + "' is "
                + oneLine(group)
                + " (expected: struct<bytes: binary, path: string> or binary)");
      }
      imageField = group.getType("bytes");
      imagePath = new String[] {imageName, "bytes"};
      groupOptional = group.isRepetition(Type.Repetition.OPTIONAL);
      projectedImage = new GroupType(group.getRepetition(), group.getName(), imageField);
    }
    if (!imageField.isPrimitive()
        || imageField.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
        || imageField.isRepetition(Type.Repetition.REPEATED)) {
      throw new IOException(
          location
              + ": column '"
              + String.join(".", imagePath)
              + "' is "
              + oneLine(imageField)
              + " (expected: binary)");
    }
    Type label = schema.getType(labelName);
    if (!label.isPrimitive()
        || label.isRepetition(Type.Repetition.REPEATED)
        || (label.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT64
            && label.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT32)) {
      throw new IOException(
          location
              + ": column '"
              + labelName
              + "' is "
              + oneLine(label)
              + " (expected: INT32 or INT64)");
    }
    MessageType projection = new MessageType(schema.getName(), projectedImage, label);
    return new ShardFile(
        location,
        footer,
        projection,
        projection.getColumnDescription(imagePath),
        projection.getColumnDescription(new String[] {labelName}),
        groupOptional);
  }

  private static String oneLine(Type type) {
    return type.toString().replaceAll("\\s+", " ").trim();
  }

  /**
   * The label feature's ClassLabel names in the "huggingface" key-value metadata ({@code
   * info.features.<label>.names}, as the datasets library writes it), if any.
   */
  static List<String> hfLabelNames(String location, ParquetMetadata footer, String labelColumn)
      throws IOException {
    String json = footer.getFileMetaData().getKeyValueMetaData().get("huggingface");
    if (json == null) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IOException(
          location
              + ": the 'huggingface' metadata is not JSON (expected: the datasets library's"
              + " features): "
              + e.getOriginalMessage(),
          e);
    }
    JsonNode names = root.path("info").path("features").path(labelColumn).path("names");
    if (!names.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (JsonNode name : names) {
      if (!name.isTextual()) {
        throw new IOException(
            location
                + ": 'huggingface' metadata: info.features."
                + labelColumn
                + ".names["
                + out.size()
                + "]="
                + name
                + " (expected: a string)");
      }
      out.add(name.asText());
    }
    return List.copyOf(out);
  }

  @Override
  public String name() {
    return files.get(0).location();
  }

  @Override
  public List<String> labelNames() {
    return labelNames;
  }

  @Override
  public OptionalLong sampleCount() {
    return OptionalLong.of(total);
  }

  @Override
  public boolean isRandomAccess() {
    return false;
  }

  /**
   * Returns how many row groups the dataset holds.
   *
   * @return the count over all files
   */
  public int rowGroupCount() {
    return units.size();
  }

  /**
   * Returns the dataset's files, after glob resolution, in sample-id order.
   *
   * @return the locations
   */
  public List<String> files() {
    return files.stream().map(ShardFile::location).toList();
  }

  /**
   * Returns how many rows a file holds.
   *
   * @param file the file's index in {@link #files()}
   * @return its row count
   */
  public long rows(int file) {
    long n = 0;
    for (BlockMetaData b : files.get(file).footer().getBlocks()) {
      n += b.getRowCount();
    }
    return n;
  }

  /**
   * Returns the order in which {@link #open} reads a shuffled epoch, without reading anything: what
   * a distributed job needs to place each sample as a single stream would.
   *
   * @param cursor the epoch and seed (its position is ignored)
   * @param sharding this rank's share
   * @return the plan, whose {@link EpochPlan#sampleAt} gives the sample ids in read order
   */
  public EpochPlan plan(Cursor cursor, Sharding sharding) {
    return EpochPlan.build(
        unitSizes,
        EpochPlan.Mode.UNITS,
        options.cycle(),
        true,
        cursor.seed(),
        cursor.epoch(),
        sharding);
  }

  @Override
  public SampleStream open(Cursor cursor, Sharding sharding, EpochOrder order) {
    if (closed) {
      throw new IllegalStateException(name() + ": source is closed");
    }
    EpochPlan plan =
        order == EpochOrder.IN_ORDER
            ? EpochPlan.inOrder(unitSizes, sharding)
            : plan(cursor, sharding);
    return new Stream(plan, cursor.position());
  }

  @Override
  public void close() {
    closed = true;
  }

  /** One decoded row group: the image cells, their definition levels, and the labels. */
  private static final class RowGroup {
    final @Nullable Binary[] images;
    final int[] imageLevels;
    final long[] labels;
    final boolean[] labelNull;
    final @Nullable IOException failure;

    RowGroup(int rows) {
      images = new Binary[rows];
      imageLevels = new int[rows];
      labels = new long[rows];
      labelNull = new boolean[rows];
      failure = null;
    }

    RowGroup(IOException failure) {
      images = new Binary[0];
      imageLevels = new int[0];
      labels = new long[0];
      labelNull = new boolean[0];
      this.failure = failure;
    }
  }

  private final class Stream extends PlannedStream {
    private final EpochPlan plan;
    private final Map<Integer, RowGroup> decoded;

    Stream(EpochPlan plan, long start) {
      super(plan, start);
      this.plan = plan;
      int keep = options.cycle() + 1;
      this.decoded =
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, RowGroup> eldest) {
              return size() > keep;
            }
          };
    }

    @Override
    void load(long id) throws IOException {
      int u = plan.unitOf(id);
      Unit unit = units.get(u);
      ShardFile file = files.get(unit.file());
      int row = (int) (id - plan.unitStart(u));
      long fileRow = unit.firstRow() + row;
      RowGroup group = decoded.get(u);
      if (group == null) {
        group = decode(file, unit);
        decoded.put(u, group);
      }
      if (group.failure != null) {
        throw bad(
            id,
            file,
            fileRow,
            "row group " + unit.rowGroup() + " is unreadable: " + group.failure.getMessage(),
            group.failure);
      }
      Binary image = group.images[row];
      if (image == null) {
        String which =
            file.imageGroupOptional() && group.imageLevels[row] == 0
                ? options.imageColumn()
                : String.join(".", file.image().getPath());
        throw bad(
            id, file, fileRow, "column '" + which + "' is NULL (expected: image bytes)", null);
      }
      if (group.labelNull[row]) {
        throw bad(
            id,
            file,
            fileRow,
            "column '" + options.labelColumn() + "' is NULL (expected: a label)",
            null);
      }
      if (image.length() > options.maxSampleBytes()) {
        throw bad(
            id,
            file,
            fileRow,
            Checks.message("size", image.length(), "<= maxSampleBytes " + options.maxSampleBytes()),
            null);
      }
      set(
          id,
          group.labels[row],
          MemorySegment.ofBuffer(image.toByteBuffer()),
          file.location(),
          SamplePosition.row(fileRow));
    }

    private RowGroup decode(ShardFile file, Unit unit) throws IOException {
      StorageInputFile input;
      try {
        input = new StorageInputFile(storage, file.location());
      } catch (FileSystemException e) {
        return new RowGroup(e);
      } catch (IOException e) {
        return new RowGroup(new IOException(e.toString(), e));
      }
      try (ParquetFileReader reader =
          ParquetFileReader.open(input, file.footer(), readOptions(conf), input.newStream())) {
        reader.setRequestedSchema(file.projection());
        PageReadStore pages = reader.readRowGroup(unit.rowGroup());
        int rows = Math.toIntExact(pages.getRowCount());
        RowGroup group = new RowGroup(rows);
        ColumnReadStoreImpl store =
            new ColumnReadStoreImpl(
                pages,
                new GroupRecordConverter(file.projection()).getRootConverter(),
                file.projection(),
                file.footer().getFileMetaData().getCreatedBy());
        ColumnReader images = store.getColumnReader(file.image());
        int imageMax = file.image().getMaxDefinitionLevel();
        for (int r = 0; r < rows; r++) {
          int level = images.getCurrentDefinitionLevel();
          group.imageLevels[r] = level;
          if (level == imageMax) {
            Binary b = images.getBinary();
            group.images[r] = b.isBackingBytesReused() ? b.copy() : b;
          }
          images.consume();
        }
        ColumnReader labels = store.getColumnReader(file.label());
        int labelMax = file.label().getMaxDefinitionLevel();
        boolean int32 =
            file.label().getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32;
        for (int r = 0; r < rows; r++) {
          if (labels.getCurrentDefinitionLevel() == labelMax) {
            group.labels[r] = int32 ? labels.getInteger() : labels.getLong();
          } else {
            group.labelNull[r] = true;
          }
          labels.consume();
        }
        return group;
      } catch (FileSystemException e) {
        return new RowGroup(e);
      } catch (IOException | RuntimeException e) {
        return new RowGroup(new IOException(e.toString(), e));
      }
    }

    @Override
    void release() {
      decoded.clear();
    }
  }

  private static SampleReadException bad(
      long id, ShardFile file, long row, String reason, @Nullable Throwable cause) {
    return new SampleReadException(
        new SampleError(file.location(), SamplePosition.row(row), reason, cause), id, true);
  }
}
