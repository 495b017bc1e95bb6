package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.probe.builtin.Li2021;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.StartupProbe;

/**
 * The startup time study: how long from asking for a container until it is up, for runc, gVisor and
 * Kata, against the creation of a plain process on the host, up to two end points: the container's
 * first line of output ({@code launchToReady}, 10 launches per column) and, as Li et al. timed it,
 * the sandbox's network up as the host sees it ({@code launchToNetwork}: the JVM accepting a
 * connection the container opens as soon as it can; 5 launches per column, to keep the run short).
 * The probe's default is 20 launches; the studies' launch count is not quoted (docs/metrics.md).
 * Each invocation writes the launch distribution and the create/start/first-output (or network-up)
 * phases into {@code target/sandbox-reports/}.
 *
 * <p>Li et al. ("Comparative Performance Study of Lightweight Hypervisors Used in Container
 * Environment", CLOSER 2021) found gVisor starting 0.13 s faster than Docker (Kata-fc 0.50 s slower
 * than gVisor, Kata-qemu another 0.10 s, QEMU 8.76 s), timed until the network stack is up. Here
 * gVisor runs with {@code --network=host} (its own network stack fails on this kernel), so no
 * gVisor network set-up is in either end point. On this 2-core machine gVisor's p50 came within
 * about 1.2 times runc's in some runs and at 301 to 341 ms against runc's 196 ms in the README's
 * run of 2026-11-25: the order of the two is not steady enough to assert on a shared machine. The
 * report keeps every distribution.
 */
class StartupTimeTest {

  /** 10 launches; the probe's default (20) under {@code -Dstudy.preset=li2021} (StudySettings). */
  private static final StartupProbe STARTUP =
      StudySettings.probe(Probes.startup().rounds(10), Probes::startup);

  /** 5 launches until the network is up; {@link Li2021#startup()} (20) under the preset. */
  private static final StartupProbe NETWORK =
      StudySettings.probe(
          Probes.startup().until(StartupProbe.EndPoint.NETWORK_UP).rounds(5), Li2021::startup);

  /** The raw figures for every runtime: the launch-to-ready distribution and its phases. */
  @GoyalRuntimes
  void launchToReady(Sandbox sandbox) {
    Measurement launch = sandbox.measure(STARTUP);

    assertThat(launch).hasCount(STARTUP.rounds());
  }

  /**
   * Li et al.'s end point for every runtime: the launch-to-network distribution and its phases
   * (create, start, network up).
   */
  @StudyRuntimes
  void launchToNetwork(Sandbox sandbox) {
    Measurement launch = sandbox.measure(NETWORK);

    assertThat(launch).hasCount(NETWORK.rounds());
  }

  @Runtimes(RUNC)
  void aContainerLaunchCostsMoreThanTenProcessLaunches(Sandbox sandbox) {
    StartupProbe trial = Probes.startup().rounds(2).warmup(0);

    assertThat(sandbox.compare(trial).trials(6).withHost()).ratio(Statistic.P50).isAbove(10.0);
  }
}
