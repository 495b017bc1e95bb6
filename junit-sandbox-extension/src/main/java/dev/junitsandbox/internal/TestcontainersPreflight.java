package dev.junitsandbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Checks, before Testcontainers' first container, that the daemon answers and that the helper
 * images Testcontainers will start are present or can be pulled, and fails at once with the fix if
 * not.
 *
 * <p>Why: on a machine without a registry Testcontainers retries the pull of its reaper (Ryuk) or
 * of {@code alpine} (run to find the host's address when {@code /.dockerenv} exists) for minutes
 * before failing with a message that does not say what to do. Both are switched off only through
 * environment variables, which a running JVM cannot set for itself.
 */
final class TestcontainersPreflight {

  /** The reaper image of the Testcontainers version in our pom; keep in step with it. */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

  /** The image Testcontainers runs to find the Docker host's gateway from inside a container. */
  static final String TINY_IMAGE = "alpine:3.17";

  private static final Duration PULL_TIMEOUT = Duration.ofSeconds(30);

  private TestcontainersPreflight() {}

  static void check(DockerDaemon daemon) {
    // first: with the daemon down, every image looks absent and unpullable, and the fixes below
    // (switch Ryuk off, load an image) would send the user the wrong way
    if (!daemon.reachable()) {
      throw new IllegalStateException(
          "Testcontainers needs the Docker daemon, but " + daemon.unreachableWithFix() + ".");
    }
    if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      requireImage(
          daemon,
          configured("ryuk.container.image", RYUK_IMAGE),
          "for its resource reaper (Ryuk)",
          "TESTCONTAINERS_RYUK_DISABLED=true",
          "junit-sandbox removes its own containers when each invocation ends");
    }
    if (Files.exists(Path.of("/.dockerenv"))
        && isBlank(System.getenv("TESTCONTAINERS_HOST_OVERRIDE"))
        && daemon.endpoint().startsWith("unix://")) {
      requireImage(
          daemon,
          configured("tinyimage.container.image", TINY_IMAGE),
          "to find the Docker host's address, because /.dockerenv exists on this machine",
          "TESTCONTAINERS_HOST_OVERRIDE=localhost",
          "the daemon is reached through the local socket, so its address is localhost");
    }
  }

  private static String configured(String property, String fallback) {
    return TestcontainersConfiguration.getInstance()
        .getEnvVarOrProperty(property, fallback)
        .strip();
  }

  private static void requireImage(
      DockerDaemon daemon, String image, String purpose, String fix, String whyFixIsSafe) {
    if (daemon.hasImage(image)) {
      return;
    }
    try {
      daemon.pull(image, PULL_TIMEOUT);
    } catch (IOException e) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: Testcontainers needs the image %s %s, but it is not present"
                  + " and the Docker daemon cannot pull it (%s). Set the environment variable %s"
                  + " for the test JVM, e.g. in maven-surefire-plugin's <environmentVariables>"
                  + " (%s), or load the image with 'docker load'.",
              image, purpose, e.getMessage(), fix, whyFixIsSafe));
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
