package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoker.decode.resize.SourceWindow;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DctScaleTest {
  private static final Set<DctScale> ALL = EnumSet.allOf(DctScale.class);

  @Test
  void scaledSizesRoundUp() {
    assertThat(DctScale.HALF.scaled(375)).isEqualTo(188);
    assertThat(DctScale.QUARTER.scaled(375)).isEqualTo(94);
    assertThat(DctScale.EIGHTH.scaled(375)).isEqualTo(47);
    assertThat(DctScale.FULL.scaled(375)).isEqualTo(375);
    assertThat(DctScale.EIGHTH.scaled(1)).isEqualTo(1);
  }

  @Test
  void choosesTheSmallestScaleThatStillCoversTheOutput() {
    SourceWindow whole = SourceWindow.full(500, 375);
    assertThat(DctScale.choose(500, 375, whole, 224, 224, ALL)).isEqualTo(DctScale.FULL);
    assertThat(DctScale.choose(1000, 750, SourceWindow.full(1000, 750), 224, 224, ALL))
        .isEqualTo(DctScale.HALF);
    assertThat(DctScale.choose(2560, 1600, SourceWindow.full(2560, 1600), 224, 224, ALL))
        .isEqualTo(DctScale.QUARTER);
    assertThat(DctScale.choose(4000, 4000, SourceWindow.full(4000, 4000), 224, 224, ALL))
        .isEqualTo(DctScale.EIGHTH);
    // A small crop of a big image needs more resolution than the whole image would.
    assertThat(DctScale.choose(2560, 1600, new SourceWindow(100, 100, 500, 500), 224, 224, ALL))
        .isEqualTo(DctScale.HALF);
    assertThat(
            DctScale.choose(
                2560, 1600, SourceWindow.full(2560, 1600), 224, 224, Set.of(DctScale.FULL)))
        .isEqualTo(DctScale.FULL);
  }

  @Test
  void scaleWindowUsesTheExactScaledSize() {
    SourceWindow w = DctScale.HALF.scaleWindow(375, 375, new SourceWindow(37, 1, 100, 375));
    double s = 188 / 375.0;
    assertThat(w).isEqualTo(new SourceWindow(37 * s, 1 * s, 100 * s, 375 * s));
  }
}
