package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.incus.IncusClient;
import dev.junitsandbox.internal.incus.IncusHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code INCUS} invocations through the engine: skipped with the reason and the fix where Incus
 * does not answer (its socket pointed at a file that does not exist), and, where runtimes/setup.sh
 * set Incus up, run beside the host's like any runtime, launches and footprint included.
 */
class IncusRuntimeTests {

  private static final String ABSENT = "/nonexistent/junit-sandbox-test/incus.socket";

  @TempDir Path reports;
  @TempDir Path host;

  @Test
  void skipsIncusSayingThatNothingAnswersAndHowToSetItUpWhileTheHostRuns() {
    // WHEN the socket does not exist
    EngineExecutionResults results =
        EngineRuns.run(
            IncusRuntimeTestCases.GetpidOnHostAndIncus.class,
            reports,
            SuppliedDaemon.registering("runc"),
            Map.of(SandboxSettings.INCUS_SOCKET, ABSENT));

    // THEN
    assertThat(results)
        .hasSucceededTest("getpid() [host]")
        .hasSkippedTest("getpid() [incus]")
        .withReason(
            "Runtime incus needs Incus, but: Incus is not running here: there is no socket at "
                + ABSENT
                + ". Fix: "
                + IncusHost.FIX
                + " (or point junit.sandbox.incus.socket at the socket of a running incusd)");
  }

  @Test
  void strictModeFailsAMissingIncusInsteadOfSkippingIt() {
    EngineExecutionResults results =
        EngineRuns.run(
            IncusRuntimeTestCases.GetpidOnHostAndIncus.class,
            reports,
            SuppliedDaemon.registering("runc"),
            Map.of(
                SandboxSettings.INCUS_SOCKET, ABSENT, SandboxSettings.RUNTIMES_REQUIRED, "true"));

    assertThat(results)
        .hasSucceededTest("getpid() [host]")
        .hasFailedTest("getpid() [incus]")
        .withMessageContaining("there is no socket at " + ABSENT);
  }

  @Test
  void rejectsASocketThatIsNotAnAbsolutePath() {
    EngineExecutionResults results =
        EngineRuns.run(
            IncusRuntimeTestCases.GetpidOnHostAndIncus.class,
            reports,
            SuppliedDaemon.registering("runc"),
            Map.of(SandboxSettings.INCUS_SOCKET, "incus.socket"));

    assertThat(results)
        .hasSingleFailedContainer()
        .withMessageContaining(
            "Configuration error: junit.sandbox.incus.socket must be the absolute path of the"
                + " Incus daemon's unix socket, but was 'incus.socket'.");
  }

  @Test
  void skipsIncusVirtualMachinesWithTheKvmFindingWhereKvmIsNotUsable() throws IOException {
    // GIVEN a host whose /dev/kvm exists but whose CPU offers no vmx/svm (as this one)
    SuppliedDaemon daemon =
        SuppliedDaemon.registering("runc")
            .withKvm(
                KvmCheckTests.file(host, "cpuinfo", KvmCheckTests.X86_WITHOUT_VIRTUALISATION),
                KvmCheckTests.file(host, "kvm", ""));

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(IncusRuntimeTestCases.OnAnIncusVirtualMachine.class, reports, daemon);

    // THEN
    assertThat(results)
        .hasNumberOfStartedTests(0)
        .hasSkippedTest("noop() [incus-vm]")
        .withReasonContaining(
            "Runtime incus-vm needs KVM, which this host cannot give it: "
                + host.resolve("kvm")
                + " exists but this CPU shows no vmx or svm flag",
            "Incus's QEMU virtual machine would hang at boot");
  }

  @Test
  void skipsIncusVirtualMachinesForWantOfAVmImageWhereKvmIsUsable() throws IOException {
    SuppliedDaemon daemon =
        SuppliedDaemon.registering("runc")
            .withKvm(
                KvmCheckTests.file(host, "cpuinfo", KvmCheckTests.X86_WITH_VMX),
                KvmCheckTests.file(host, "kvm", ""));

    EngineExecutionResults results =
        EngineRuns.run(IncusRuntimeTestCases.OnAnIncusVirtualMachine.class, reports, daemon);

    assertThat(results)
        .hasSkippedTest("noop() [incus-vm]")
        .withReason(
            "Runtime incus-vm needs a VM image of the probe (a disk with a kernel and Incus's"
                + " agent), which runtimes/setup.sh does not make: only Incus system containers"
                + " (INCUS) run yet");
  }

  @Test
  void refusesADockerRuntimeNameForIncus() {
    EngineExecutionResults results =
        EngineRuns.run(
            IncusRuntimeTestCases.GetpidOnHostAndIncus.class,
            reports,
            SuppliedDaemon.registering("runc"),
            Map.of("junit.sandbox.runtime.incus.docker-name", "incus"));

    assertThat(results)
        .hasSingleFailedContainer()
        .withMessageContaining(
            "'junit.sandbox.runtime.incus.docker-name' (set as a configuration parameter): Incus"
                + " system containers are not a Docker runtime and have no Docker runtime name;"
                + " remove the key (point junit.sandbox.incus.socket at another Incus daemon's"
                + " socket instead)");
  }

  @Test
  void runsOnIncusBesideTheHost() {
    assumeIncus();

    EngineExecutionResults results =
        EngineRuns.run(IncusRuntimeTestCases.GetpidOnHostAndIncus.class, reports);

    assertThat(results).hasSucceededTest("getpid() [host]").hasSucceededTest("getpid() [incus]");
  }

  @Test
  void launchesAndMeasuresTheFootprintOfIncusContainers() {
    assumeIncus();

    EngineExecutionResults results =
        EngineRuns.run(IncusRuntimeTestCases.LaunchesOnIncus.class, reports);

    assertThat(results).hasSucceededTest("startupAndFootprint() [incus]");
  }

  @Test
  void theNetworkProbesReachTheSandboxOverIncussBridge() {
    assumeIncus();

    EngineExecutionResults results =
        EngineRuns.run(IncusRuntimeTestCases.NetworkProbesOnIncus.class, reports);

    assertThat(results).hasSucceededTest("iperf3NginxAndMariadb() [incus]");
  }

  private static void assumeIncus() {
    IncusHost host =
        IncusHost.query(
            new IncusClient(IncusClient.DEFAULT_SOCKET, IncusClient.DEFAULT_LIMIT),
            ProbeImage.tag());
    assumeThat(host.problem()).as("Incus set up by runtimes/setup.sh").isEmpty();
  }
}
