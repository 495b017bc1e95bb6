package dev.junitsandbox.examples;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.Li2021;
import dev.junitsandbox.probe.builtin.MemoryFootprintProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.time.Duration;

/**
 * The memory footprint study: private dirty memory and PSS the host spends on one idle sandbox (its
 * containerd shim and everything under it), for runc, gVisor and Kata. This example averages over
 * 10 idle containers on each of its columns (the probe's default is 20; neither study's footprint
 * figure is quoted, docs/metrics.md). HOST is listed for the table and skipped: a host process has
 * no sandbox of its own.
 */
class MemoryFootprintTest {

  /** 10 containers; the default 20 under {@code -Dstudy.preset=li2021} (StudySettings). */
  private static final MemoryFootprintProbe FOOTPRINT =
      StudySettings.probe(Probes.memoryFootprint().containers(10), Li2021::memoryFootprint);

  /** One trial of a comparison: 3 idle containers, measured half a second after all run. */
  private static final MemoryFootprintProbe TRIAL =
      Probes.memoryFootprint().containers(3).settle(Duration.ofMillis(500));

  /** The raw figures for every runtime, with the breakdown by process in the report. */
  @StudyRuntimes
  void idleSandbox(Sandbox sandbox) {
    Measurement footprint = sandbox.measure(FOOTPRINT);

    assertThat(footprint).figure("processesPerSandbox").isAtLeast(2);
  }

  /**
   * gVisor runs a user-space kernel (the Sentry, {@code runsc-sandbox}) and a file proxy ({@code
   * runsc-gofer}) beside the shim of every sandbox, where runc leaves only the shim and the
   * workload: about five times runc's private memory on this machine. Six trials a side, each
   * launching 3 idle containers under runsc or runc, interleaved: the whole interval of the ratio
   * of median private dirty memory per sandbox must lie above 2.
   */
  @Runtimes(RUNSC)
  void aGvisorSandboxCostsMoreThanTwiceARuncSandbox(Sandbox sandbox) {
    assertThat(sandbox.compare(TRIAL).trials(6).with(RUNC)).ratio("privateDirty").isAbove(2.0);
  }
}
