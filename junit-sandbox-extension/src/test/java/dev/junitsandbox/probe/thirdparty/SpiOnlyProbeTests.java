package dev.junitsandbox.probe.thirdparty;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Probes written only against the exported SPI do what the built-in ones do, under the invocation's
 * runtime, with real Docker: {@link IdleSandboxesProbe} what the startup and footprint probes do,
 * {@link HostPageProbe} what the network probe does (a server on the host for a client in the
 * sandbox, its files in a scratch directory on the host).
 */
class SpiOnlyProbeTests {

  @TempDir Path reports;

  @Runtimes({HOST, RUNC, RUNSC})
  void launchesTimesAndReadsTheMemoryOfSandboxesOfTheRuntimeUnderTest(Sandbox sandbox) {
    // WHEN two idle sandboxes run side by side
    Measurement idle = sandbox.measure(new IdleSandboxesProbe(2));

    // THEN each launch was timed to its first line, and each sandbox's processes hold memory
    assertThat(idle.count()).isEqualTo(2);
    assertThat(idle.figure("privateDirty").samples()).hasSize(2).allMatch(mib -> mib > 0);
    assertThat(idle.figure("processes").samples()).allMatch(count -> count >= 1);
    String processes = idle.notes().get(0);
    switch (sandbox.runtime().id()) {
      case "host" -> assertThat(processes).isEqualTo("processes: sleep");
      case "runc" -> assertThat(processes).isEqualTo("processes: containerd-shim-runc-v2, sleep");
      default ->
          assertThat(processes)
              .startsWith("processes: containerd-shim-runc-v2")
              .contains("runsc-sandbox");
    }
  }

  @Runtimes({HOST, RUNC}) // loopback and the bridge; gVisor's host network is not the point here
  void aServerStartedOnTheHostServesTheSandbox(Sandbox sandbox) {
    // WHEN the probe starts nginx on the host and fetches its page inside the sandbox
    Measurement page = sandbox.measure(new HostPageProbe());

    // THEN the sandbox got the page the host served
    assertThat(page.notes()).containsExactly("HTTP/1.1 200 OK: " + HostPageProbe.PAGE);
    assertThat(page.figure("pageBytes").value()).isEqualTo(HostPageProbe.PAGE.length() + 1);
  }

  @Test
  void aHostServerLeftRunningIsStoppedAndTheHostScratchDirectoryRemovedWhenTheSandboxCloses() {
    // GIVEN a probe that leaves its nginx running on the host, on the host and under runc
    SpiOnlyProbeTestCases.LEFT_RUNNING.clear();

    // WHEN
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(SandboxSettings.REPORTS_DIR, reports.toString())
            .selectors(selectClass(SpiOnlyProbeTestCases.LeavesAHostServerRunning.class))
            .execute();

    // THEN nginx was running then, and neither it nor its files are left now
    results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(SpiOnlyProbeTestCases.LEFT_RUNNING).containsOnlyKeys("host", "runc");
    assertThat(SpiOnlyProbeTestCases.LEFT_RUNNING.values())
        .allSatisfy(
            left -> {
              assertThat(ProcessHandle.of(left.pid()).filter(ProcessHandle::isAlive))
                  .as("nginx %d", left.pid())
                  .isEmpty();
              assertThat(left.hostScratchDirectory()).doesNotExist();
            });
  }

  @Test
  void aLaunchedSandboxLeftOpenIsRemovedWhenTheSandboxCloses() {
    // GIVEN a probe that leaves one launched sandbox open, on the host and under runc
    SpiOnlyProbeTestCases.LEFT_OPEN.clear();

    // WHEN
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .configurationParameter(SandboxSettings.REPORTS_DIR, reports.toString())
            .selectors(selectClass(SpiOnlyProbeTestCases.LeavesALaunchedSandboxOpen.class))
            .execute();

    // THEN its processes were running then, and none is left now
    results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(SpiOnlyProbeTestCases.LEFT_OPEN).containsOnlyKeys("host", "runc");
    List<HostProcess> leftOpen =
        SpiOnlyProbeTestCases.LEFT_OPEN.values().stream().flatMap(List::stream).toList();
    assertThat(leftOpen).isNotEmpty();
    awaitEnded(leftOpen); // containerd's shim exits a moment after the container is removed
    assertThat(leftOpen)
        .allSatisfy(
            process ->
                assertThat(ProcessHandle.of(process.pid()).filter(ProcessHandle::isAlive))
                    .as("%s", process)
                    .isEmpty());
  }

  private static void awaitEnded(List<HostProcess> processes) {
    for (int i = 0; i < 100 && processes.stream().anyMatch(SpiOnlyProbeTests::alive); i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean alive(HostProcess process) {
    return ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"IdleSandboxesProbe", "HostPageProbe"})
  void theProbeUsesNothingButTheExportedApi(String probe) throws IOException {
    Path source = Path.of("src/test/java/dev/junitsandbox/probe/thirdparty", probe + ".java");

    List<String> imports =
        Files.readAllLines(source).stream().filter(line -> line.startsWith("import ")).toList();

    assertThat(imports)
        .isNotEmpty()
        .allMatch(
            line ->
                line.startsWith("import java.")
                    || line.startsWith("import org.HdrHistogram.")
                    || line.startsWith("import dev.junitsandbox.probe.")
                        && !line.startsWith("import dev.junitsandbox.probe.builtin.")
                    || line.startsWith("import dev.junitsandbox.measure."));
  }
}
