package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.CRUN;
import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.junitsandbox.DefaultRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** Fixtures for {@link SandboxIntegrationTests}: real containers, run through EngineTestKit. */
class SandboxIntegrationTestCases {

  /** What each invocation saw of its own container, by runtime id. */
  static final Map<String, InspectContainerResponse> CONTAINERS = new ConcurrentHashMap<>();

  /** HostConfig.runtime of each container, by "runtime/field". */
  static final Map<String, String> CONTAINER_RUNTIMES = new ConcurrentHashMap<>();

  static GenericContainer<?> sleeper() {
    return new GenericContainer<>(DockerImageName.parse(ProbeImage.ensureAvailable()))
        .withCommand("sleep", "infinity");
  }

  static String runtimeOf(GenericContainer<?> container) {
    return container.getCurrentContainerInfo().getHostConfig().getRuntime();
  }

  @Fixture
  static class RecordsItsContainer {
    @Runtimes({RUNC, RUNSC})
    void inspect(Sandbox sandbox) {
      String id = ((ContainerProbeContext) ((ReportingSandbox) sandbox).inSandbox()).containerId();
      CONTAINERS.put(
          sandbox.runtime().id(),
          DockerClientFactory.instance().client().inspectContainerCmd(id).exec());
    }
  }

  /** crun mapped to runc by configuration, so that it runs wherever runc does. */
  @Fixture
  static class CrunOnRunc {
    @Runtimes(CRUN)
    void inspect(Sandbox sandbox) {
      String id = ((ContainerProbeContext) ((ReportingSandbox) sandbox).inSandbox()).containerId();
      CONTAINERS.put(
          sandbox.runtime().id(),
          DockerClientFactory.instance().client().inspectContainerCmd(id).exec());
    }
  }

  @Fixture
  @Runtimes({RUNC, RUNSC})
  @Testcontainers
  static class StaticContainers {
    @Container static GenericContainer<?> service = sleeper();

    @Container @DefaultRuntime static GenericContainer<?> dependency = sleeper();

    @Test
    void record(RuntimeUnderTest runtime) {
      CONTAINER_RUNTIMES.put(runtime.id() + "/service", runtimeOf(service));
      CONTAINER_RUNTIMES.put(runtime.id() + "/dependency", runtimeOf(dependency));
    }
  }

  @Fixture
  @Testcontainers
  static class InstanceContainer {
    @Container GenericContainer<?> service = sleeper();

    @Runtimes({RUNC, RUNSC})
    void record(RuntimeUnderTest runtime) {
      CONTAINER_RUNTIMES.put(runtime.id() + "/instance", runtimeOf(service));
    }
  }

  @Fixture
  static class FailsAfterMeasuring {
    @Runtimes(RUNC)
    void failing(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
      throw new IllegalStateException("the test failed after measuring");
    }
  }

  @Fixture
  static class TimesOut {
    @Runtimes({HOST, RUNC})
    void tooSlow(Sandbox sandbox) {
      sandbox.measure(
          Probes.syscall("stat")
              .iterations(50_000_000)
              .batchSize(1_000)
              .timeout(Duration.ofMillis(300)));
    }
  }
}
