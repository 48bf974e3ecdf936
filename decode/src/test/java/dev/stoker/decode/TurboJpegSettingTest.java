package dev.stoker.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code -Dstoker.turbojpeg}: {@code auto} binds the library, {@code off} leaves it alone. */
class TurboJpegSettingTest {
  @Test
  void offLeavesTheLibraryUnboundAndSaysWhy() {
    TurboJpegLibrary.Binding binding = TurboJpegLibrary.bindWithSetting("off", "libturbojpeg.so.0");
    assertThat(binding.library()).isNull();
    assertThat(binding.turnedOff()).isTrue();
    assertThat(binding.settingError()).isNull();
    assertThat(binding.reason())
        .isEqualTo("libturbojpeg.so.0 is turned off by -Dstoker.turbojpeg=off");
  }

  @Test
  void autoAndNoSettingTryTheLibraryNames() {
    for (String setting : new String[] {null, "auto", " auto "}) {
      TurboJpegLibrary.Binding binding =
          TurboJpegLibrary.bindWithSetting(setting, "libstoker-missing.so.0");
      assertThat(binding.library()).isNull();
      assertThat(binding.turnedOff()).isFalse();
      assertThat(binding.reason()).startsWith("libstoker-missing.so.0: ");
    }
  }

  @Test
  void anyOtherValueIsAnOptionError() {
    TurboJpegLibrary.Binding binding =
        TurboJpegLibrary.bindWithSetting("fast", "libturbojpeg.so.0");
    assertThat(binding.library()).isNull();
    assertThat(binding.settingError()).isEqualTo("stoker.turbojpeg=fast (expected: auto or off)");
  }

  /**
   * A JVM started with {@code -Dstoker.turbojpeg=off} decodes JPEGs through ImageIO and has no
   * transformer, also on a machine that has the library; this is how the fallback path is run on
   * such a machine.
   */
  @Test
  void aJvmStartedWithOffUsesTheFallback() throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Dstoker.turbojpeg=off",
            "-cp",
            System.getProperty("java.class.path"),
            TurboJpegOffProbe.class.getName());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output)
        .contains("jpeg decoder: ImageIoDecoder")
        .contains("turbojpeg available: false")
        .contains("transformer available: false")
        .contains("reason: libturbojpeg.so.0 is turned off by -Dstoker.turbojpeg=off");
  }
}
