/**
 * The data {@code stoker bench} generates when it is given none: seeded, camera-like JPEG data sets
 * written by the JDK's encoder ({@link dev.stoker.bench.data.DatasetRecipe}, {@link
 * dev.stoker.bench.data.GeneratedDataset}), with statistics measured from the files ({@link
 * dev.stoker.bench.data.DatasetStats}).
 */
@NullMarked
package dev.stoker.bench.data;

import org.jspecify.annotations.NullMarked;
