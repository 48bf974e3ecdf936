/**
 * Pixel loops of the augment module that the resampling kernel does not cover: the affine warp with
 * fill modes and the window-mean estimate for contrast. Not API; may change without notice.
 */
@NullMarked
package dev.stoker.augment.internal;

import org.jspecify.annotations.NullMarked;
