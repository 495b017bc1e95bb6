package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.INCUS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/** Fixtures for {@link IncusRuntimeTests}. */
class IncusRuntimeTestCases {

  @Fixture
  static class GetpidOnHostAndIncus {
    @Runtimes({HOST, INCUS})
    void getpid(Sandbox sandbox) {
      Measurement getpid = sandbox.measure(Probes.syscall("getpid").iterations(1_000));

      assertThat(getpid.p50Nanos()).isPositive();
    }
  }

  @Fixture
  static class LaunchesOnIncus {
    @Runtimes(INCUS)
    void startupAndFootprint(Sandbox sandbox) {
      Measurement startup = sandbox.measure(Probes.startup().rounds(2).warmup(0));
      Measurement footprint =
          sandbox.measure(Probes.memoryFootprint().containers(2).settle(Duration.ofSeconds(1)));

      assertThat(startup.count()).isEqualTo(2);
      assertThat(footprint.figure("processesPerSandbox").value()).isGreaterThanOrEqualTo(2);
      assertThat(footprint.figure("pss").value()).isPositive();
    }
  }
}
