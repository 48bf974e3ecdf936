/**
 * The dataset sources: {@link dev.stoker.io.source.FolderSource} (class folders, with the {@code
 * train/ val/ test/} layout and seeded {@link dev.stoker.io.source.SplitFractions splits}), {@link
 * dev.stoker.io.source.TfRecordSource} (TFRecord shards, indexed, sequential or uncounted) and
 * {@code ParquetSource} (in {@code stoker-parquet}: Parquet shards in the Hugging Face or a flat
 * layout), each configured by an options record with a builder.
 *
 * <table>
 *   <caption>What each source plans and how it reads</caption>
 *   <tr><th>source</th><th>epoch plan</th><th>unit of I/O</th><th>bad sample</th></tr>
 *   <tr><td>folders</td><td>permutation of files</td><td>one file</td>
 *       <td>unreadable or oversized file; the stream reads on</td></tr>
 *   <tr><td>TFRecord, indexed</td><td>permutation of records</td><td>one record (positional read)</td>
 *       <td>damaged record or Example; the stream reads on</td></tr>
 *   <tr><td>TFRecord, sequential</td><td>permutation of shards, interleaved</td>
 *       <td>a shard, front to back</td>
 *       <td>damage ends that shard: every later record of it is reported, nothing past it read</td></tr>
 *   <tr><td>TFRecord, uncounted ({@code Counting.NONE})</td>
 *       <td>permutation of shards, each rank a run of shards, interleaved as read</td>
 *       <td>a shard, front to back</td>
 *       <td>damage ends that shard: one bad sample says the rest was not read</td></tr>
 *   <tr><td>Parquet</td><td>permutation of row groups, interleaved, rows shuffled within</td>
 *       <td>a row group's two column chunks</td><td>NULL cell or oversized image; the stream reads on</td></tr>
 * </table>
 */
@NullMarked
package dev.stoker.io.source;

import org.jspecify.annotations.NullMarked;
