package dev.stoker.tfrecord.example;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A feature name encoded once as UTF-8, for lookups that allocate nothing. Make one per name, keep
 * it in a constant or a field, and pass it to {@link ExampleReader#find(FeatureKey, FeatureView)}
 * for every record. Immutable and thread-safe.
 */
public final class FeatureKey {
  private final String name;
  private final MemorySegment utf8;

  private FeatureKey(String name) {
    this.name = name;
    this.utf8 = MemorySegment.ofArray(name.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Encodes a name.
   *
   * @param name the feature's name, as in the Example's map
   * @return the key
   */
  public static FeatureKey of(String name) {
    return new FeatureKey(Objects.requireNonNull(name, "name"));
  }

  /**
   * Returns the name.
   *
   * @return the name as given
   */
  public String name() {
    return name;
  }

  MemorySegment utf8() {
    return utf8;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureKey other && name.equals(other.name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
