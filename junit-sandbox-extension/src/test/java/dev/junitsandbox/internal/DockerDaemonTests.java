package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Against the real daemon runtimes/setup.sh starts. */
class DockerDaemonTests {

  @Test
  void readsVersionAndRegisteredRuntimes() {
    DockerDaemon daemon = DockerDaemon.query();

    assertThat(daemon.reachable()).as("daemon error: %s", daemon.error()).isTrue();
    assertThat(daemon.apiVersion()).matches("\\d+\\.\\d+");
    assertThat(daemon.runtimes()).containsKeys("runc", "runsc");
    assertThat(daemon.runtimes().get("runsc").runtimeArgs()).contains("--network=host");
    assertThat(daemon.hasImage(ProbeImage.ensureAvailable())).isTrue();
    assertThat(daemon.hasImage("junit-sandbox/no-such-image:0")).isFalse();
  }

  @Test
  void reportsAnUnreachableDaemonWithItsAddress() {
    DockerDaemon daemon = DockerDaemon.query("unix:///nonexistent/docker.sock");

    assertThat(daemon.reachable()).isFalse();
    assertThat(daemon.error())
        .startsWith("cannot reach the Docker daemon at unix:///nonexistent/docker.sock");
    assertThat(daemon.runtimes()).isEmpty();
  }

  @Test
  void rejectsAnUnsupportedScheme() {
    DockerDaemon daemon = DockerDaemon.query("npipe:////./pipe/docker_engine");

    assertThat(daemon.error()).contains("DOCKER_HOST scheme 'npipe' is not supported");
  }

  @Test
  void comparesApiVersionsNumerically() {
    assertThat(DockerApiCompatibility.compare("1.41", "1.44")).isNegative();
    assertThat(DockerApiCompatibility.compare("1.100", "1.44")).isPositive();
    assertThat(DockerApiCompatibility.compare("1.44", "1.44")).isZero();
  }
}
