package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.RuntimeUnderTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;

/**
 * {@code @RequiresCapability(IO_URING)} decided by the real probe: {@code sandbox-probe iouring} on
 * the host and in a short container of each runtime. What holds for any gVisor build without {@code
 * --iouring} is asserted (io_uring unavailable), and for runc and the host what holds on a kernel
 * and daemon that allow io_uring (checked as assumptions).
 */
class CapabilityProbeTests {

  @TempDir Path reports;

  @Test
  void probesIoUringOnTheHostAndInAContainerOfEachRuntime() throws IOException {
    // GIVEN this machine: a kernel and Docker seccomp profile that allow io_uring, and a gVisor
    // registered without --iouring
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).as("runtimes registered").containsKeys("runc", "runsc");
    assumeThat(daemon.runtimes().get("runsc").runtimeArgs()).doesNotContain("--iouring");
    Path disabled = Path.of("/proc/sys/kernel/io_uring_disabled");
    assumeThat(Files.exists(disabled) ? Files.readString(disabled).strip() : "0")
        .as("kernel.io_uring_disabled")
        .isEqualTo("0");
    // Docker 25 took io_uring out of its default seccomp profile
    assumeThat(Integer.parseInt(daemon.serverVersion().split("\\.")[0]))
        .as("Docker Engine major version")
        .isLessThan(25);

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(CapabilityProbeTestCases.NeedsIoUring.class, reports);

    // THEN
    assertThat(results)
        .hasSucceededTest("first() [host]")
        .hasSucceededTest("second() [host]")
        .hasSucceededTest("first() [runc]")
        .hasSucceededTest("second() [runc]")
        .hasNumberOfSkippedTests(2)
        .eachSkippedTest()
        .withReasonContaining(
            "requires capability IO_URING, which runtime runsc lacks: io_uring_setup failed with ",
            " in runsc (probed with sandbox-probe iouring");
    // AND the probe containers are gone (listed only now: the run set up Docker's API version)
    assertThat(containersOfThisJvm()).isZero();
  }

  @Test
  void probesOncePerRuntimeAndRunAndTriesAFailedProbeAgain() {
    // GIVEN a probe that fails once under runc, then answers
    AtomicInteger runcProbes = new AtomicInteger();
    AtomicInteger runscProbes = new AtomicInteger();
    RuntimeUnderTest runc = RuntimeUnderTest.docker("runc", "runc");
    RuntimeUnderTest runsc = RuntimeUnderTest.docker("runsc", "runsc");
    CapabilityCheck check =
        new CapabilityCheck(
            runtime -> {
              if (runtime.equals(runc)) {
                if (runcProbes.incrementAndGet() == 1) {
                  throw new IllegalStateException("the daemon restarted");
                }
                return "ok";
              }
              runscProbes.incrementAndGet();
              return "ENOSYS";
            },
            new KvmCheck(false, "not asked", "none"),
            true);

    // WHEN / THEN
    assertThatThrownBy(() -> check.missingOn(RuntimeCapability.IO_URING, runc))
        .hasMessage("the daemon restarted");
    assertThat(check.missingOn(RuntimeCapability.IO_URING, runc)).isEmpty();
    assertThat(check.missingOn(RuntimeCapability.IO_URING, runc)).isEmpty();
    assertThat(check.missingOn(RuntimeCapability.IO_URING, runsc))
        .hasValue(
            "io_uring_setup failed with ENOSYS in runsc (probed with sandbox-probe iouring; gVisor"
                + " offers io_uring only when runsc runs with --iouring)");
    assertThat(check.missingOn(RuntimeCapability.IO_URING, runsc)).isPresent();
    assertThat(runcProbes).hasValue(2);
    assertThat(runscProbes).hasValue(1);
  }

  private static int containersOfThisJvm() {
    return DockerClientFactory.instance()
        .client()
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(java.util.Map.of(RunIdentity.OWNER_LABEL, RunIdentity.Owner.self().text()))
        .exec()
        .size();
  }
}
