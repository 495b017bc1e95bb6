package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.KATA_FC;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.nginx.NginxContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * "Does my service work under gVisor?": the whole class runs once per runtime. The
 * {@code @Container} fields, a plain GenericContainer and Testcontainers' nginx module, are started
 * under each pass's runtime without any code for it.
 */
// @Runtimes before @Testcontainers: the containers are put under the runtime before they start
@Runtimes({RUNC, RUNSC, KATA_FC})
@Testcontainers
class NginxUnderEachRuntimeTest {

  private static final DockerImageName NGINX = ExampleImages.nginx();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Container
  static GenericContainer<?> nginx =
      new GenericContainer<>(NGINX).withExposedPorts(80).waitingFor(Wait.forHttp("/"));

  @Container
  static NginxContainer moduleNginx =
      new NginxContainer(NGINX.asCompatibleSubstituteFor("nginx")).waitingFor(Wait.forHttp("/"));

  @Test
  void servesTheStaticPage(RuntimeUnderTest runtime) throws Exception {
    HttpResponse<String> response =
        get(URI.create("http://" + nginx.getHost() + ":" + nginx.getMappedPort(80) + "/"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).hasSize(4096);
    assertThat(runtimeOf(nginx)).isEqualTo(runtime.dockerName().orElseThrow());
  }

  @Test
  void moduleContainerServesToo(RuntimeUnderTest runtime) throws Exception {
    HttpResponse<String> response = get(moduleNginx.getBaseUrl("http", 80).toURI());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(runtimeOf(moduleNginx)).isEqualTo(runtime.dockerName().orElseThrow());
  }

  @Test
  void shutsDownCleanly(RuntimeUnderTest runtime) {
    // a container the test builds itself: applyTo puts it under the pass's runtime
    try (GenericContainer<?> own =
        runtime.applyTo(
            new GenericContainer<>(NGINX).withExposedPorts(80).waitingFor(Wait.forHttp("/")))) {
      own.start();

      own.getDockerClient().stopContainerCmd(own.getContainerId()).withTimeout(20).exec();

      assertThat(own.getCurrentContainerInfo().getState().getExitCodeLong()).isZero();
      assertThat(runtimeOf(own)).isEqualTo(runtime.dockerName().orElseThrow());
    }
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String runtimeOf(GenericContainer<?> container) {
    return container.getCurrentContainerInfo().getHostConfig().getRuntime();
  }
}
