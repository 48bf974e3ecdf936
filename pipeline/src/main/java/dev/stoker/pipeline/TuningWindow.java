package dev.stoker.pipeline;

/**
 * What the pipeline measured over one autotuning window, as fractions in [0, 1].
 *
 * @param stall the share of the window the consumer spent waiting in {@code next()}/{@code
 *     hasNext()}
 * @param busy the share of the window the workers spent processing samples, averaged over workers
 * @param ringFill the share of the ring's slots holding samples read and not yet processed, at the
 *     window's end
 * @param cpuLoad the machine's CPU load over recent time, or a negative number when the operating
 *     system does not say
 */
record TuningWindow(double stall, double busy, double ringFill, double cpuLoad) {}
