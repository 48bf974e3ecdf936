package dev.stoker.decode;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link RequiresTurboJpeg} test only where libjpeg-turbo is bound in this JVM.
 *
 * <ul>
 *   <li>Library bound: the test runs.
 *   <li>Turned off for the run ({@code -Dstoker.turbojpeg=off}): skipped, saying so.
 *   <li>Not loadable: skipped with the loader's reason, unless the switch {@value #REQUIRED} is
 *       true (system property, or the environment variable {@value #REQUIRED_ENV}); then the test
 *       fails with that reason, which is how CI makes sure the fast path is tested.
 * </ul>
 */
public final class TurboJpegCondition implements ExecutionCondition {
  /** The system property that turns a missing library from a skip into a failure. */
  public static final String REQUIRED = "stoker.turbojpeg.required";

  /** The environment variable with the same effect as {@value #REQUIRED}. */
  public static final String REQUIRED_ENV = "STOKER_TURBOJPEG_REQUIRED";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return evaluate(
        TurboJpegLibrary.binding(), System.getProperty(REQUIRED), System.getenv(REQUIRED_ENV));
  }

  /**
   * Decides from the binding and the switch, so each case can be tested in one JVM.
   *
   * @throws ExtensionConfigurationException when the library is required but missing, or the switch
   *     has a value other than true or false
   */
  static ConditionEvaluationResult evaluate(
      TurboJpegLibrary.Binding binding,
      @Nullable String requiredProperty,
      @Nullable String requiredEnv) {
    boolean required =
        parse(REQUIRED, requiredProperty) || parse(REQUIRED_ENV + " (environment)", requiredEnv);
    if (binding.library() != null) {
      return ConditionEvaluationResult.enabled(TurboJpegLibrary.LIBRARY + " is loaded");
    }
    String why = "needs " + TurboJpegLibrary.LIBRARY + " (libjpeg-turbo): " + binding.reason();
    if (binding.turnedOff()) {
      return ConditionEvaluationResult.disabled(why);
    }
    if (required) {
      throw new ExtensionConfigurationException(
          why + "; " + REQUIRED + "=true makes a missing library an error (install libturbojpeg0)");
    }
    return ConditionEvaluationResult.disabled(why);
  }

  private static boolean parse(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ExtensionConfigurationException(
              name + "=" + value + " (expected: true or false)");
    };
  }
}
