package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.SandboxSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** {@code junit.sandbox.docker.timeout-seconds}: the bound of each daemon call. */
class DockerTimeoutSettingTests {

  private static Settings read(Map<String, String> parameters) {
    Map<String, String> present = new java.util.HashMap<>();
    parameters.keySet().forEach(key -> present.put(key, "a configuration parameter"));
    return Settings.read(key -> Optional.ofNullable(parameters.get(key)), present);
  }

  @Test
  void defaultsToSixtySecondsAndTakesWholeSeconds() {
    assertThat(read(Map.of()).dockerTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(read(Map.of(SandboxSettings.DOCKER_TIMEOUT_SECONDS, " 5 ")).dockerTimeout())
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void rejectsZeroFractionsAndUnitsNamingTheKeyTheValueAndTheFix() {
    for (String invalid : new String[] {"0", "1.5", "5s", "-1", ""}) {
      assertThatThrownBy(() -> read(Map.of(SandboxSettings.DOCKER_TIMEOUT_SECONDS, invalid)))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining(
              "junit.sandbox.docker.timeout-seconds must be a whole number of seconds")
          .hasMessageContaining("'" + invalid + "'")
          .hasMessageContaining("-Djunit.sandbox.docker.timeout-seconds=60");
    }
  }
}
