package dev.stoker.cli.demo;

/**
 * The outcome of one pass over a split: sample-weighted mean loss and accuracy.
 *
 * @param samples how many samples the pass saw
 * @param loss the mean cross-entropy
 * @param accuracy the share of correct predictions, in [0, 1]
 */
record PassResult(long samples, double loss, double accuracy) {}
