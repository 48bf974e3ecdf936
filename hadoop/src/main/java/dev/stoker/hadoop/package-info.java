/**
 * Hadoop storage: {@code hdfs://}, {@code s3a://}, {@code gs://}, {@code abfs://} and every other
 * scheme a Hadoop {@code FileSystem} connector serves, behind io's {@link
 * dev.stoker.io.storage.Storage} seam.
 *
 * <p>This module is an add-on: {@code stoker-io} and {@code stoker-pipeline} carry no Hadoop. Put
 * {@code stoker-hadoop} on the class path and {@link dev.stoker.io.storage.Storages#forLocation}
 * finds {@link dev.stoker.hadoop.HadoopStorageProvider} through {@link java.util.ServiceLoader}, so
 * a source given {@code hdfs://nn/data/train-*} reads it with no other change. For S3 add {@code
 * stoker-s3} (hadoop-aws and the AWS SDK).
 *
 * <p>It pulls {@code hadoop-client-api} and {@code hadoop-client-runtime} (shaded Hadoop, about 50
 * MB).
 *
 * <h2>Why Parquet needs this module</h2>
 *
 * parquet-java 1.16 has Hadoop-free entry points ({@code InputFile}, {@code
 * PlainParquetConfiguration}, {@code ParquetReadOptions.builder(ParquetConfiguration)}), and {@code
 * stoker-parquet} reads through them over a {@link dev.stoker.io.storage.Storage}. But the reader
 * still loads Hadoop classes, measured with each codec on a class path without Hadoop:
 *
 * <ul>
 *   <li>Without any Hadoop jar, building {@code ParquetReadOptions} fails ({@code
 *       NoClassDefFoundError: org/apache/hadoop/mapreduce/lib/input/FileInputFormat}): the builder
 *       creates its codec factory through {@code HadoopCodecs}.
 *   <li>With {@code hadoop-client-api} alone, uncompressed files read; SNAPPY, GZIP, ZSTD, LZ4 and
 *       BROTLI fail: {@code CodecFactory} decompresses through Hadoop's {@code CompressionCodec}
 *       and builds a Hadoop {@code Configuration}, whose XML parser lives in {@code
 *       hadoop-client-runtime}.
 *   <li>The codecs themselves ({@code snappy-java}, {@code zstd-jni}, {@code aircompressor}) need
 *       no Hadoop; only parquet-java's wiring does.
 * </ul>
 *
 * So Parquet lives in its own module, {@code stoker-parquet}, which depends on this one; {@code
 * stoker-io} and {@code stoker-pipeline} read folders and TFRecord with neither.
 */
@NullMarked
package dev.stoker.hadoop;

import org.jspecify.annotations.NullMarked;
