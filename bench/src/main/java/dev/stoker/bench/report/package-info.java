/**
 * {@code stoker bench}: the runner that measures Stoker against its peers through JMH's Java API
 * and writes a report a user can tune from.
 *
 * <p>{@link dev.stoker.bench.report.BenchCommand} is the entry point. Before any timing it checks
 * that the engines do the same job: job G's output must equal tf.data's to float precision ({@link
 * dev.stoker.bench.report.OutputCheck}), and job P's quality is measured against an antialiased
 * resize of the full-size decode ({@link dev.stoker.bench.report.PsnrCheck}). Time to first batch
 * and peak resident memory come from fresh JVMs ({@link dev.stoker.bench.report.StartupProbe}).
 * Then it runs {@link dev.stoker.bench.JobBenchmark} per job and a workers × prefetch sweep, and
 * writes {@code report.md}, {@code sweep.png} and JMH's JSON.
 */
@NullMarked
package dev.stoker.bench.report;

import org.jspecify.annotations.NullMarked;
