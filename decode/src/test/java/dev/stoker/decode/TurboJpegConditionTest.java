package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class TurboJpegConditionTest {
  private static final TurboJpegLibrary.Binding MISSING =
      TurboJpegLibrary.bindWithSetting("auto", "libstoker-missing.so.0");
  private static final TurboJpegLibrary.Binding OFF =
      TurboJpegLibrary.bindWithSetting("off", "libturbojpeg.so.0");

  @Test
  void aMissingLibrarySkipsWithAReasonNamingIt() {
    ConditionEvaluationResult result = TurboJpegCondition.evaluate(MISSING, null, null);
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("needs libturbojpeg.so.0 (libjpeg-turbo): ")
                    .contains("libstoker-missing.so.0: "));
    assertThat(TurboJpegCondition.evaluate(MISSING, "false", "false").isDisabled()).isTrue();
  }

  @Test
  void theRequiredSwitchTurnsAMissingLibraryIntoAFailure() {
    assertThatThrownBy(() -> TurboJpegCondition.evaluate(MISSING, "true", null))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("needs libturbojpeg.so.0")
        .hasMessageContaining("libstoker-missing.so.0: ")
        .hasMessageContaining("stoker.turbojpeg.required=true");
    assertThatThrownBy(() -> TurboJpegCondition.evaluate(MISSING, null, " TRUE "))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("needs libturbojpeg.so.0");
  }

  @Test
  void turningTheLibraryOffSkipsEvenWhenItIsRequired() {
    ConditionEvaluationResult result = TurboJpegCondition.evaluate(OFF, "true", "true");
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("turned off by -Dstoker.turbojpeg=off"));
  }

  @Test
  void aSwitchThatIsNeitherTrueNorFalseIsAnOptionError() {
    assertThatThrownBy(() -> TurboJpegCondition.evaluate(MISSING, "yes", null))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("stoker.turbojpeg.required=yes (expected: true or false)");
    assertThatThrownBy(() -> TurboJpegCondition.evaluate(MISSING, null, "1"))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("STOKER_TURBOJPEG_REQUIRED (environment)=1 (expected: true or false)");
  }

  @Test
  @RequiresTurboJpeg
  void aBoundLibraryRunsTheTestWhateverTheSwitch() {
    TurboJpegLibrary.Binding bound = TurboJpegLibrary.binding();
    assertThat(TurboJpegCondition.evaluate(bound, "true", null).isDisabled()).isFalse();
    assertThat(TurboJpegCondition.evaluate(bound, null, null).isDisabled()).isFalse();
  }
}
