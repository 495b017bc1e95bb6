package dev.junitsandbox.examples;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.builtin.MemoryFootprintProbe;
import dev.junitsandbox.probe.builtin.Probes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The memory footprint study: private dirty memory and PSS the host spends on one idle sandbox (its
 * containerd shim and everything under it), for runc, gVisor and Kata. The studies averaged over
 * 100 idle containers; this example over 10 on each of its columns (one setting away: {@code
 * Probes.memoryFootprint().containers(100)}). HOST is listed for the table and skipped: a host
 * process has no sandbox of its own.
 *
 * <p>Each runtime is measured once; the comparison between runtimes runs after all of them, on the
 * kept measurements, instead of starting another 10 containers per runtime.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryFootprintTest {

  private static final MemoryFootprintProbe FOOTPRINT = Probes.memoryFootprint().containers(10);
  private static final Map<String, Measurement> MEASURED = new ConcurrentHashMap<>();

  /** The raw figures for every runtime, with the breakdown by process in the report. */
  @Order(1)
  @StudyRuntimes
  void idleSandbox(Sandbox sandbox) {
    Measurement footprint = sandbox.measure(FOOTPRINT);
    MEASURED.put(sandbox.runtime().id(), footprint);

    assertThat(footprint).figure("processesPerSandbox").isAtLeast(2);
  }

  /**
   * gVisor runs a user-space kernel (the Sentry, {@code runsc-sandbox}) and a file proxy ({@code
   * runsc-gofer}) beside the shim of every sandbox, where runc leaves only the shim and the
   * workload: about five times runc's private memory on this machine, asserted at twice.
   */
  @Order(2)
  @Test
  void aGvisorSandboxCostsMoreThanTwiceARuncSandbox() {
    Measurement runc = MEASURED.get("runc");
    Measurement runsc = MEASURED.get("runsc");
    assumeTrue(runc != null && runsc != null, "idleSandbox must have measured runc and runsc");

    assertThat(runsc).figure("privateDirty").isAtLeastFractionOf(2.0, runc);
  }
}
