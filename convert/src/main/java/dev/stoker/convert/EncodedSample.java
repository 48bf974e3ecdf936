package dev.stoker.convert;

import org.jspecify.annotations.Nullable;

/**
 * A sample after a worker checked it: the serialized Example to write, or why it is skipped.
 *
 * @param input the sample as read
 * @param record the record to write, or null when skipped
 * @param skipReason why it is skipped, or null
 * @param rewritten whether the image was re-encoded or made baseline
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are handed over, never compared
record EncodedSample(
    InputSample input, byte @Nullable [] record, @Nullable String skipReason, boolean rewritten) {}
