package dev.stoker.convert;

/**
 * One sample read from the input, copied to the heap so a worker may take it.
 *
 * @param split the index of its output split
 * @param id its id in the input
 * @param label its label
 * @param filename the name written to {@code image/filename}
 * @param bytes the encoded image, or a whole serialized Example when {@code example} is set
 * @param example whether {@code bytes} is a record to copy as it is
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are handed over, never compared
public record InputSample(
    int split, long id, long label, String filename, byte[] bytes, boolean example) {}
