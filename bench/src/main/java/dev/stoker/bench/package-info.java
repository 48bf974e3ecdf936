/**
 * JMH benchmarks of Stoker's kernels and pipeline. Each benchmark measures its peer in the same
 * run, so results are read as ratios on one machine.
 */
package dev.stoker.bench;
