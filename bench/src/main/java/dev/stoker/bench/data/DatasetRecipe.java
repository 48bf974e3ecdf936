package dev.stoker.bench.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How one of {@code stoker bench}'s default data sets is drawn: its images' sizes, which are
 * progressive or gray, the JPEG quality and the texture and noise that set its bits per pixel. The
 * recipe and its seed fix every byte, so a data set is generated once and cached.
 *
 * @param name the data set's folder name
 * @param seed the seed of the first image (image {@code i} uses {@code seed + i})
 * @param quality the IJG JPEG quality
 * @param texture the texture amplitude, in levels
 * @param noise the sensor noise amplitude, in levels
 * @param images the images, in file-name order
 */
public record DatasetRecipe(
    String name, long seed, int quality, double texture, double noise, List<Image> images) {

  /** Bump when a change to the generator changes its output, so old caches are not reused. */
  static final int GENERATOR_VERSION = 1;

  /**
   * One image of a recipe.
   *
   * @param width the width
   * @param height the height
   * @param progressive written as a progressive JPEG
   * @param gray written with one component
   */
  public record Image(int width, int height, boolean progressive, boolean gray) {}

  /** Copies the list. */
  public DatasetRecipe {
    images = List.copyOf(images);
  }

  /**
   * Job G's stand-in: ImageNet-like, 300 images of about 500×375 (landscape 500×375 and 500×333,
   * portrait 375×500), baseline YCbCr 4:2:0 at quality 90, about 4 bits per pixel.
   *
   * @return the recipe
   */
  public static DatasetRecipe imageNetLike() {
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      images.add(
          switch (i % 5) {
            case 3 -> new Image(375, 500, false, false);
            case 4 -> new Image(500, 333, false, false);
            default -> new Image(500, 375, false, false);
          });
    }
    return new DatasetRecipe("imagenet-like", 0x5eed_0001L, 90, 60, 36, images);
  }

  /**
   * Job P's stand-in: a dozen photo-like images from 2 to 12 megapixels (4:3 and 3:2), quality 90
   * 4:2:0, one of them progressive and one grayscale.
   *
   * @return the recipe
   */
  public static DatasetRecipe photoLike() {
    List<Image> images =
        List.of(
            new Image(1600, 1200, false, false),
            new Image(1920, 1280, false, false),
            new Image(2048, 1536, false, false),
            new Image(2400, 1600, false, true),
            new Image(2592, 1944, false, false),
            new Image(2880, 1920, true, false),
            new Image(3072, 2048, false, false),
            new Image(3264, 2448, false, false),
            new Image(3456, 2304, false, false),
            new Image(3648, 2736, false, false),
            new Image(3840, 2560, false, false),
            new Image(4000, 3000, false, false));
    return new DatasetRecipe("photo-like", 0x5eed_0002L, 90, 40, 16, images);
  }

  /**
   * Returns this recipe cut to its first {@code limit} images.
   *
   * @param limit the most images
   * @return this recipe, or a shorter one
   */
  public DatasetRecipe first(int limit) {
    return limit >= images.size()
        ? this
        : new DatasetRecipe(name, seed, quality, texture, noise, images.subList(0, limit));
  }

  /**
   * Returns the cache folder's name: the name, the generator version, the seed and the count, so a
   * changed recipe never reuses an old cache.
   *
   * @return the folder name
   */
  public String folderName() {
    return String.format(
        java.util.Locale.ROOT, "%s-v%d-%x-n%d", name, GENERATOR_VERSION, seed, images.size());
  }
}
