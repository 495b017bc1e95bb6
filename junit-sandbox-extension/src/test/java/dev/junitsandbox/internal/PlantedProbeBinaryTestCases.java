package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;

/** Fixtures for {@link PlantedProbeBinaryTests}. */
class PlantedProbeBinaryTestCases {

  @Fixture
  static class GetpidOnHost {
    @Runtimes(HOST)
    void getpid(Sandbox sandbox) {
      assertThat(sandbox.measure(Probes.syscall("getpid").iterations(1_000)).p50Nanos())
          .isPositive();
    }
  }
}
