package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;

/** Fixtures for {@link SandboxIntegrationTests}: real containers, run through EngineTestKit. */
class SandboxIntegrationTestCases {

  /** What each invocation saw of its own container, by runtime id. */
  static final Map<String, InspectContainerResponse> CONTAINERS = new ConcurrentHashMap<>();

  static class RecordsItsContainer {
    @Runtimes({RUNC, RUNSC})
    void inspect(Sandbox sandbox) {
      String id = ((ContainerProbeContext) ((ReportingSandbox) sandbox).inSandbox()).containerId();
      CONTAINERS.put(
          sandbox.runtime().id(),
          DockerClientFactory.instance().client().inspectContainerCmd(id).exec());
    }
  }

  static class FailsAfterMeasuring {
    @Runtimes(RUNC)
    void failing(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
      throw new IllegalStateException("the test failed after measuring");
    }
  }

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
