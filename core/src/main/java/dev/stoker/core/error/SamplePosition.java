package dev.stoker.core.error;

import dev.stoker.core.Checks;

/**
 * Where a sample lies in its source: a byte offset in a file (a TFRecord record), a row of a table
 * (a Parquet row), or the whole file (a JPEG in a class folder).
 *
 * @param unit what {@code value} counts
 * @param value the offset or row, or 0 for a whole file
 */
public record SamplePosition(Unit unit, long value) {
  /** What a position's value counts. */
  public enum Unit {
    /** A byte offset from the start of the file. */
    BYTE_OFFSET,
    /** A row index from the start of the file, counting from 0. */
    ROW,
    /** The sample is the whole file. */
    WHOLE_FILE
  }

  /**
   * Validates the position.
   *
   * @throws IllegalArgumentException when {@code value} is negative
   */
  public SamplePosition {
    Checks.require(unit != null, "unit", unit, "non-null");
    Checks.require(value >= 0, "value", value, ">= 0");
  }

  /**
   * Returns a byte-offset position.
   *
   * @param offset the offset from the start of the file
   * @return the position
   */
  public static SamplePosition offset(long offset) {
    return new SamplePosition(Unit.BYTE_OFFSET, offset);
  }

  /**
   * Returns a row position.
   *
   * @param row the row from the start of the file, counting from 0
   * @return the position
   */
  public static SamplePosition row(long row) {
    return new SamplePosition(Unit.ROW, row);
  }

  /**
   * Returns the position of a sample that is a whole file.
   *
   * @return the position
   */
  public static SamplePosition wholeFile() {
    return new SamplePosition(Unit.WHOLE_FILE, 0);
  }

  @Override
  public String toString() {
    return switch (unit) {
      case BYTE_OFFSET -> "offset " + value;
      case ROW -> "row " + value;
      case WHOLE_FILE -> "whole file";
    };
  }
}
