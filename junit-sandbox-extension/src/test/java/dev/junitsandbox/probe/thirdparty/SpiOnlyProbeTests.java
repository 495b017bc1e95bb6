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
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A probe written only against the exported SPI ({@link IdleSandboxesProbe}) does what the built-in
 * startup and footprint probes do, under the invocation's runtime, with real Docker.
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

  @Test
  void theProbeUsesNothingButTheExportedApi() throws IOException {
    Path source =
        Path.of("src/test/java/dev/junitsandbox/probe/thirdparty/IdleSandboxesProbe.java");

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
