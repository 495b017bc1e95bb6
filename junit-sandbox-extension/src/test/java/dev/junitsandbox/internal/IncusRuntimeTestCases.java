package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.INCUS;
import static dev.junitsandbox.ContainerRuntime.INCUS_VM;
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

  /** The probes that need the network, over Incus's bridge, each briefly. */
  @Fixture
  static class NetworkProbesOnIncus {
    @Runtimes(INCUS)
    void iperf3NginxAndMariadb(Sandbox sandbox) {
      Measurement iperf =
          sandbox.measure(Probes.networkThroughput().duration(Duration.ofSeconds(1)));
      Measurement http = sandbox.measure(Probes.http().duration(Duration.ofSeconds(1)));
      Measurement oltp =
          sandbox.measure(Probes.oltp().tableSize(1_000).duration(Duration.ofSeconds(2)));

      assertThat(iperf.figure("hostToSandbox").value()).isPositive();
      assertThat(iperf.figure("sandboxToHost").value()).isPositive();
      assertThat(iperf.notes()).anyMatch(note -> note.contains("Incus's bridge"));
      assertThat(http.figure("requestsPerSecond").value()).isPositive();
      assertThat(http.notes()).anyMatch(note -> note.contains("over Incus's bridge"));
      assertThat(oltp.figure("transactionsPerSecond").value()).isPositive();
    }
  }

  @Fixture
  static class OnAnIncusVirtualMachine {
    @Runtimes(INCUS_VM)
    void noop(Sandbox sandbox) {}
  }
}
