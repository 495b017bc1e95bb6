package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading the daemon's answer: parsing on answers captured from Docker Engine 20.10 (as
 * runtimes/setup.sh leaves the development machine), and against whatever daemon runs here.
 */
class DockerDaemonTests {

  private static final String ENDPOINT = "unix:///var/run/docker.sock";

  @Test
  void readsVersionsAndRegisteredRuntimesWithTheirArguments() throws IOException {
    // WHEN
    DockerDaemon daemon =
        DockerDaemon.fromAnswers(
            ENDPOINT, captured("docker-version-20.10.json"), captured("docker-info-20.10.json"));

    // THEN
    assertThat(daemon.reachable()).isTrue();
    assertThat(daemon.endpoint()).isEqualTo(ENDPOINT);
    assertThat(daemon.serverVersion()).isEqualTo("20.10.24+dfsg1");
    assertThat(daemon.apiVersion()).isEqualTo("1.41");
    assertThat(daemon.kernelVersion()).isEqualTo("6.18.44-fc-v595");
    assertThat(daemon.operatingSystem()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(daemon.runtimeNames())
        .containsExactly(
            "io.containerd.runc.v2", "io.containerd.runtime.v1.linux", "runc", "runsc");
    assertThat(daemon.runtimes().get("runc"))
        .isEqualTo(new DockerDaemon.RegisteredRuntime("runc", List.of()));
    assertThat(daemon.runtimes().get("runsc"))
        .isEqualTo(new DockerDaemon.RegisteredRuntime("/usr/bin/runsc", List.of("--network=host")));
  }

  @Test
  void readsMissingFieldsAsUnknownAndNoRuntimesAsNone() throws IOException {
    // GIVEN answers without the fields we read, as an unusual daemon might give
    JsonNode empty = new ObjectMapper().readTree("{}");

    // WHEN
    DockerDaemon daemon = DockerDaemon.fromAnswers(ENDPOINT, empty, empty);

    // THEN
    assertThat(daemon.reachable()).isTrue();
    assertThat(daemon.serverVersion()).isEqualTo("unknown");
    assertThat(daemon.apiVersion()).isEqualTo("unknown");
    assertThat(daemon.runtimes()).isEmpty();
  }

  @Test
  void readsTheLiveDaemon() {
    // GIVEN a daemon here (runtimes/setup.sh starts one); without it there is nothing to read
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();

    // THEN every daemon speaks a numbered API and has Docker's own runtime
    assertThat(daemon.apiVersion()).matches("\\d+\\.\\d+");
    assertThat(daemon.serverVersion()).isNotEqualTo("unknown");
    assertThat(daemon.runtimes()).containsKey("runc");
  }

  @Test
  void findsImagesOnTheLiveDaemon() {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();

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

  private static JsonNode captured(String name) throws IOException {
    try (InputStream in = DockerDaemonTests.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s beside %s", name, DockerDaemonTests.class).isNotNull();
      return new ObjectMapper().readTree(in);
    }
  }
}
