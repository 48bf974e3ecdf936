package dev.stoker.tensorflow.dataset;

import dev.stoker.tensorflow.LabelMode;

/** What an {@link ImageDataset}'s pipelines produce: the settings every epoch shares. */
record DatasetShape(
    String name,
    int height,
    int width,
    int channels,
    boolean channelsFirst,
    int batchSize,
    boolean shuffle,
    int workers,
    long seed,
    LabelMode labelMode,
    int maxEncodedBytes) {}
