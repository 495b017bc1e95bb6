package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.docker.DaemonCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Every {@code junit.sandbox.*} setting, read and validated in one place. Invalid values fail with
 * a message that names the key, the value, the rule and the fix.
 */
record Settings(
    boolean runtimesRequired,
    Path reportsDir,
    Map<ContainerRuntime, String> dockerNames,
    Duration dockerTimeout) {

  Settings {
    dockerNames = Map.copyOf(dockerNames);
  }

  /**
   * @param parameters reads a configuration parameter, as {@code
   *     ExtensionContext::getConfigurationParameter} does
   */
  static Settings read(Function<String, Optional<String>> parameters) {
    boolean required =
        parameters
            .apply(SandboxSettings.RUNTIMES_REQUIRED)
            .map(value -> parseBoolean(SandboxSettings.RUNTIMES_REQUIRED, value))
            .orElse(false);
    Path reports =
        Path.of(
            parameters
                .apply(SandboxSettings.REPORTS_DIR)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse(SandboxSettings.DEFAULT_REPORTS_DIR));
    Map<ContainerRuntime, String> names = new EnumMap<>(ContainerRuntime.class);
    for (ContainerRuntime runtime : ContainerRuntime.values()) {
      if (runtime.isHost()) {
        continue;
      }
      String key = SandboxSettings.dockerNameKey(runtime);
      String name = parameters.apply(key).map(String::strip).orElse(runtime.defaultDockerName());
      if (!RuntimeUnderTest.isValidDockerName(name)) {
        throw new ExtensionConfigurationException(
            String.format(
                "Configuration error: %s must be a Docker runtime name (letters, digits, '_', '.',"
                    + " '-', starting with a letter or digit), but was '%s'. Set it to the name"
                    + " under \"runtimes\" in /etc/docker/daemon.json, e.g. %s=%s",
                key, name, key, runtime.defaultDockerName()));
      }
      names.put(runtime, name);
    }
    return new Settings(required, reports, names, dockerTimeout(parameters));
  }

  // junit.sandbox.docker.timeout-seconds (bounds of daemon calls, issue 10): a positive whole
  // number
  private static Duration dockerTimeout(Function<String, Optional<String>> parameters) {
    String key = SandboxSettings.DOCKER_TIMEOUT_SECONDS;
    Optional<String> value = parameters.apply(key).map(String::strip);
    if (value.isEmpty()) {
      return DaemonCalls.DEFAULT_LIMIT;
    }
    if (!value.get().matches("[0-9]{1,6}") || Long.parseLong(value.get()) == 0) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s must be a whole number of seconds from 1 to 999999, but was"
                  + " '%s'. Set it in junit-platform.properties or pass -D%s=%d",
              key, value.get(), key, DaemonCalls.DEFAULT_LIMIT.toSeconds()));
    }
    return Duration.ofSeconds(Long.parseLong(value.get()));
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ExtensionConfigurationException(
              String.format(
                  "Configuration error: %s must be 'true' or 'false', but was '%s'. Fix it in"
                      + " junit-platform.properties or pass -D%s=true",
                  key, value, key));
    };
  }

  RuntimeUnderTest runtimeUnderTest(ContainerRuntime runtime) {
    return runtime.isHost()
        ? RuntimeUnderTest.host()
        : RuntimeUnderTest.docker(runtime.id(), dockerNames.get(runtime));
  }
}
