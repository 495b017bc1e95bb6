package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.NetworkThroughputProbe;
import dev.junitsandbox.probe.builtin.NetworkThroughputProbe.Direction;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The network throughput study: an iperf3 TCP stream between the host and the sandbox in both
 * directions, in Gbit/s, as in the published comparisons of runc, gVisor and Kata (which ran
 * iperf3's 10 seconds; 5 here). The iperf3 server runs on the host, the client in the sandbox; the
 * host baseline runs both over loopback.
 */
class NetworkThroughputTest {

  /** 3 s each way instead of the default 5: the study runs it on nine columns (StudyRuntimes). */
  private static final NetworkThroughputProbe IPERF3 =
      Probes.networkThroughput().duration(Duration.ofSeconds(3));

  /** A shorter single-direction run for the comparisons with the host, to keep the class quick. */
  private static final NetworkThroughputProbe SANDBOX_TO_HOST =
      Probes.networkThroughput()
          .duration(Duration.ofSeconds(3))
          .directions(Direction.SANDBOX_TO_HOST);

  /** The raw figures for every runtime; the report holds them with their per-second samples. */
  @StudyRuntimes
  void throughputBothWays(Sandbox sandbox) {
    Measurement throughput = sandbox.measure(IPERF3);

    assertThat(throughput).figure("hostToSandbox").isAtLeast(0.01);
    assertThat(throughput).figure("sandboxToHost").isAtLeast(0.01);
  }

  /**
   * Rounds of each side for the comparisons: one round is not evidence here. In one run the host's
   * loopback rate fell to half its usual value for a single round (10.5 against about 22 Gbit/s)
   * and runsc came out at 0.77 of it. The best of alternating rounds is each side's figure with the
   * least interference from other work on the machine.
   */
  private static final int ROUNDS = 3;

  /**
   * runc's veth pair and bridge cost little next to loopback: the sandbox sends at a good part of
   * the host's own loopback rate (two thirds to all of it here; a quarter leaves a wide margin).
   */
  @Runtimes(RUNC)
  void runcSendsAtAGoodPartOfTheHostsRate(Sandbox sandbox) {
    BestOfRounds best = BestOfRounds.measure(sandbox, SANDBOX_TO_HOST, "sandboxToHost", ROUNDS);

    assertThat(best.inSandbox()).figure("sandboxToHost").isAtLeastFractionOf(0.25, best.onHost());
  }

  /**
   * gVisor's user-space network path costs throughput: under runsc the sandbox sends well below the
   * host's loopback rate (about half of it here).
   */
  @Runtimes(RUNSC)
  void gvisorSendsBelowTheHostsRate(Sandbox sandbox) {
    BestOfRounds best = BestOfRounds.measure(sandbox, SANDBOX_TO_HOST, "sandboxToHost", ROUNDS);

    assertThat(best.inSandbox()).figure("sandboxToHost").isBelowFractionOf(0.75, best.onHost());
  }
}
