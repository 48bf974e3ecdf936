/** Image decoders that write pixels into {@link java.lang.foreign.MemorySegment}s. */
@NullMarked
package dev.stoker.decode;

import org.jspecify.annotations.NullMarked;
