package dev.junitsandbox.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.probe.builtin.StartupProbe;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tolerances a stored-baseline gate gives figures that drift between runs: a container launch
 * ({@link GateRun#LAUNCH_TOLERANCE}) and the disk, file, network and HTTP probes' figures ({@link
 * GateRun#IO_TOLERANCE}).
 */
class GateRunToleranceTests {

  @Test
  void aLaunchToleratesFifteenPercentUnderTheDefaultRule() {
    // WHEN the stored-baseline gate adapts the default rule
    GateRule rule = GateRun.withLaunchTolerance(GateRule.defaults());

    // THEN a launch tolerates 15%, to either end point, every other figure the default 5%
    assertThat(rule.toleranceOf(StartupProbe.LAUNCH_TO_READY)).isEqualTo(0.15);
    assertThat(rule.toleranceOf(StartupProbe.LAUNCH_TO_NETWORK)).isEqualTo(0.15);
    assertThat(rule.toleranceOf("p50")).isEqualTo(GateRule.DEFAULT_TOLERANCE);
    assertThat(rule.alpha()).isEqualTo(GateRule.DEFAULT_ALPHA);
  }

  @Test
  void theLaunchsOwnKeyWins() {
    // GIVEN junit.sandbox.gate.tolerance.launchToReady=0.08 and p99=0.2
    GateRule configured =
        new GateRule(0.01, 0.05, Map.of(StartupProbe.LAUNCH_TO_READY, 0.08, "p99", 0.2), true);

    // WHEN
    GateRule rule = GateRun.withLaunchTolerance(configured);

    // THEN the configured tolerances stay; the other end point's launch gets the launch's
    assertThat(rule.toleranceOf(StartupProbe.LAUNCH_TO_READY)).isEqualTo(0.08);
    assertThat(rule.toleranceOf("p99")).isEqualTo(0.2);
    assertThat(rule.toleranceOf(StartupProbe.LAUNCH_TO_NETWORK)).isEqualTo(0.15);
    assertThat(rule.alpha()).isEqualTo(0.01);
    assertThat(rule.strict()).isTrue();
  }

  @Test
  void aRuleThatSetsBothLaunchesIsKeptAsConfigured() {
    // GIVEN junit.sandbox.gate.tolerance.launchToReady=0.08 and launchToNetwork=0.1
    GateRule configured =
        new GateRule(
            0.01,
            0.05,
            Map.of(StartupProbe.LAUNCH_TO_READY, 0.08, StartupProbe.LAUNCH_TO_NETWORK, 0.1),
            false);

    // WHEN / THEN the rule is the configured one
    assertThat(GateRun.withLaunchTolerance(configured)).isEqualTo(configured);
  }

  @Test
  void aWiderDefaultToleranceAppliesToTheLaunchToo() {
    // GIVEN junit.sandbox.gate.tolerance=0.2
    GateRule wide = new GateRule(0.01, 0.2, Map.of(), false);

    // WHEN / THEN the launch is not held tighter than every other figure
    assertThat(GateRun.withLaunchTolerance(wide).toleranceOf(StartupProbe.LAUNCH_TO_READY))
        .isEqualTo(0.2);
    assertThat(GateRun.withLaunchTolerance(wide).toleranceOf(StartupProbe.LAUNCH_TO_NETWORK))
        .isEqualTo(0.2);
  }

  @Test
  void theIoProbesFiguresTolerateThirtyPercentAndHttpFifty() {
    // GIVEN the default rule
    GateRule rule = GateRule.defaults();

    // WHEN / THEN fio's, sysbench fileio's and iperf3's headlines get 30%, wrk's 50%, others 5%
    assertThat(
            GateRun.forProbe(rule, rule, "disk.randread.16k", "bandwidth").toleranceOf("bandwidth"))
        .isEqualTo(0.30);
    assertThat(
            GateRun.forProbe(rule, rule, "fileio.seqwr", "writtenMiBps")
                .toleranceOf("writtenMiBps"))
        .isEqualTo(0.30);
    assertThat(
            GateRun.forProbe(rule, rule, "network.throughput on host", "hostToSandbox")
                .toleranceOf("hostToSandbox"))
        .isEqualTo(0.30);
    assertThat(
            GateRun.forProbe(rule, rule, "http.closedLoop", "requestsPerSecond")
                .toleranceOf("requestsPerSecond"))
        .isEqualTo(0.50);
    // memory bandwidth is memory-bound, not I/O: its figure of the same name keeps the default
    assertThat(
            GateRun.forProbe(rule, rule, "memory.bandwidth", "bandwidth").toleranceOf("bandwidth"))
        .isEqualTo(GateRule.DEFAULT_TOLERANCE);
  }

  @Test
  void anIoFiguresOwnKeyWins() {
    // GIVEN junit.sandbox.gate.tolerance.bandwidth=0.1
    GateRule configured = new GateRule(0.01, 0.05, Map.of("bandwidth", 0.1), false);

    // WHEN / THEN
    assertThat(
            GateRun.forProbe(configured, configured, "disk.read.1m", "bandwidth")
                .toleranceOf("bandwidth"))
        .isEqualTo(0.1);
  }
}
