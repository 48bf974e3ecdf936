package dev.stoker.cli.demo;

/**
 * One line of the training history.
 *
 * @param epoch the epoch, from 0
 * @param train the training pass (with augmentation, while the weights change)
 * @param validation the validation pass after the epoch
 * @param imagesPerSecond training images per second over the epoch's training pass
 * @param inputStall the share of the training pass the loop waited for the pipeline, in [0, 1]
 * @param seconds the training pass's wall time
 */
record EpochResult(
    int epoch,
    PassResult train,
    PassResult validation,
    double imagesPerSecond,
    double inputStall,
    double seconds) {}
