package dev.stoker.io.source;

/** Which part of a dataset split to read. */
public enum Subset {
  /** The training part: folder {@code train/}, or the first fraction of a seeded split. */
  TRAIN("train"),
  /** The validation part: folder {@code val/} or {@code validation/}, or the second fraction. */
  VALIDATION("val"),
  /** The test part: folder {@code test/}, or the third fraction. */
  TEST("test");

  private final String folder;

  Subset(String folder) {
    this.folder = folder;
  }

  /**
   * Returns the top-level folder name of this part in the {@code train/ val/ test/} layout.
   *
   * @return the folder name
   */
  public String folder() {
    return folder;
  }
}
