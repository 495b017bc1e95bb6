package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestcontainersPreflightTests {

  @TempDir Path scratch;

  @Test
  void saysFirstThatTheDaemonIsDown() {
    // GIVEN the answer of a real query to a socket nobody listens on
    String endpoint = "unix://" + scratch.resolve("no-daemon.sock");
    DockerDaemon down = DockerDaemon.query(endpoint);

    // WHEN / THEN the daemon is named with the fix, and nothing sends the user to Ryuk or images
    assertThatThrownBy(() -> TestcontainersPreflight.check(down))
        .hasMessageStartingWith(
            "Testcontainers needs the Docker daemon, but cannot reach the Docker daemon at "
                + endpoint
                + ": ")
        .hasMessageContaining("runtimes/setup.sh starts dockerd")
        .hasMessageContaining("point DOCKER_HOST at a running one")
        .hasMessageNotContaining("Ryuk")
        .hasMessageNotContaining("docker load");
  }
}
