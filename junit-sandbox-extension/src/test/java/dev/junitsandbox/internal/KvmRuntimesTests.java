package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * KVM-based runtimes and {@code DEV_KVM} against a KVM check of real files standing in for {@code
 * /proc/cpuinfo} and {@code /dev/kvm} ({@link KvmCheckTests} checks the files of this machine),
 * with the daemon's answer supplied: no Docker, no KVM needed, both outcomes on any machine.
 */
class KvmRuntimesTests {

  @TempDir Path reports;
  @TempDir Path host;

  private SuppliedDaemon withoutKvm(SuppliedDaemon daemon) throws IOException {
    return daemon.withKvm(
        KvmCheckTests.file(host, "cpuinfo", KvmCheckTests.X86_WITHOUT_VIRTUALISATION),
        KvmCheckTests.file(host, "kvm", ""));
  }

  private SuppliedDaemon withKvm(SuppliedDaemon daemon) throws IOException {
    return daemon.withKvm(
        KvmCheckTests.file(host, "cpuinfo", KvmCheckTests.X86_WITH_VMX),
        KvmCheckTests.file(host, "kvm", ""));
  }

  private String noVirtualisation() {
    return host.resolve("kvm")
        + " exists but this CPU shows no vmx or svm flag in "
        + host.resolve("cpuinfo")
        + " (no hardware virtualisation offered to this machine)";
  }

  @Test
  void skipsARegisteredKvmRuntimeOnAHostWithoutUsableKvmSayingWhatWasFound() throws IOException {
    // GIVEN runsc-kvm registered, on a host whose /dev/kvm exists but whose CPU offers no vmx/svm
    SuppliedDaemon daemon = withoutKvm(SuppliedDaemon.registering("runc", "runsc-kvm"));

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(KvmRuntimesTestCases.KvmBased.class, reports, daemon);

    // THEN it is not started (it would spin forever), and the reason says what was checked
    assertThat(results)
        .hasNumberOfStartedTests(0)
        .hasSkippedTest("noop() [runsc-kvm]")
        .withReason(
            "Runtime runsc-kvm needs KVM, which this host cannot give it: "
                + noVirtualisation()
                + " (checked the CPU flags and /dev/kvm). Started anyway, gVisor's KVM platform"
                + " would spin at 100% CPU and never start the container, so it is skipped; to run"
                + " it, run on a machine whose CPU offers vmx or svm (on a virtual machine: enable"
                + " nested virtualisation).");
  }

  @Test
  void anUnregisteredKvmRuntimeSaysThatEvenInstalledItCouldNotRunHere() throws IOException {
    // GIVEN no Kata registered, on a host without usable KVM
    SuppliedDaemon daemon = withoutKvm(SuppliedDaemon.registering("runc"));

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(KvmRuntimesTestCases.KvmBased.class, reports, daemon);

    // THEN
    assertThat(results)
        .hasNumberOfSkippedTests(4)
        .hasSkippedTest("noop() [kata-fc]")
        .withReasonContaining(
            "Runtime kata-fc is not registered with the Docker daemon",
            "Register 'kata-fc'",
            " Even installed, it could not run on this host: it needs KVM, and "
                + noVirtualisation()
                + " (to run it, run on a machine whose CPU offers vmx or svm");
  }

  @Test
  void onAHostWithUsableKvmARegisteredKvmRuntimeRunsAndAnUnregisteredOneSaysOnlyThat()
      throws IOException {
    // GIVEN a CPU with vmx and a device that opens; runsc-kvm registered, Kata not
    SuppliedDaemon daemon = withKvm(SuppliedDaemon.registering("runc", "runsc-kvm"));

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(KvmRuntimesTestCases.KvmBased.class, reports, daemon);

    // THEN
    assertThat(results).hasSucceededTest("noop() [runsc-kvm]").hasNumberOfSkippedTests(3);
    assertThat(skipReasons(results))
        .hasSize(3)
        .allSatisfy(
            reason -> assertThat(reason).contains("is not registered").doesNotContain("KVM"));
  }

  @Test
  void strictModeFailsARegisteredKvmRuntimeOnAHostWithoutUsableKvm() throws IOException {
    // GIVEN
    SuppliedDaemon daemon = withoutKvm(SuppliedDaemon.registering("runc", "runsc-kvm"));

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(
            KvmRuntimesTestCases.KvmBased.class,
            reports,
            daemon,
            Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN
    assertThat(results)
        .hasFailedTest("noop() [runsc-kvm]")
        .withExceptionInstanceOf(RuntimeAvailabilityCheck.RuntimeUnavailableException.class)
        .withMessageContaining(
            "Runtime runsc-kvm needs KVM", noVirtualisation(), "runtimes.required=true");
  }

  @Test
  void aRemoteDaemonsKvmRuntimesAreNotJudgedByThisHost() throws IOException {
    // GIVEN a daemon on another machine; this "host" has no usable KVM, which says nothing of it
    SuppliedDaemon daemon =
        withoutKvm(SuppliedDaemon.registering("runc", "runsc-kvm")).onAnotherMachine();

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(KvmRuntimesTestCases.KvmBased.class, reports, daemon);

    // THEN as before the check: registered runs, unregistered says the host was not checked
    assertThat(results)
        .hasSucceededTest("noop() [runsc-kvm]")
        .hasSkippedTest("noop() [kata-qemu]")
        .withReasonContaining(
            "is not registered",
            "(Whether its host offers KVM was not checked: the daemon at "
                + SuppliedDaemon.REMOTE_ENDPOINT
                + " is not on this machine.)");
  }

  @Test
  void devKvmIsMissingOnAHostWithoutUsableKvmAndInGvisorByDocumentation() throws IOException {
    // GIVEN
    SuppliedDaemon daemon = withoutKvm(SuppliedDaemon.registering("runc", "runsc"));

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(KvmRuntimesTestCases.NeedsDevKvm.class, reports, daemon);

    // THEN
    assertThat(results)
        .hasNumberOfStartedTests(0)
        .hasSkippedTest("noop() [host]")
        .withReason(
            "requires capability DEV_KVM, which runtime host lacks: this host has no usable KVM: "
                + noVirtualisation())
        .and()
        .hasSkippedTest("noop() [runc]")
        .withReasonContaining("which runtime runc lacks: this host has no usable KVM")
        .and()
        .hasSkippedTest("noop() [runsc]")
        .withReasonContaining(
            "which runtime runsc lacks: gVisor and Kata do not pass host devices such as /dev/kvm");
  }

  @Test
  void devKvmIsThereOnAHostWithUsableKvmExceptInGvisor() throws IOException {
    SuppliedDaemon daemon = withKvm(SuppliedDaemon.registering("runc", "runsc"));

    EngineExecutionResults results =
        EngineRuns.run(KvmRuntimesTestCases.NeedsDevKvm.class, reports, daemon);

    assertThat(results)
        .hasSucceededTest("noop() [host]")
        .hasSucceededTest("noop() [runc]")
        .hasSkippedTest("noop() [runsc]")
        .withReasonContaining("gVisor and Kata do not pass host devices");
  }

  private static java.util.List<String> skipReasons(EngineExecutionResults results) {
    return results.testEvents().skipped().stream()
        .map(Event::getPayload)
        .map(payload -> payload.map(String::valueOf).orElse(""))
        .toList();
  }
}
