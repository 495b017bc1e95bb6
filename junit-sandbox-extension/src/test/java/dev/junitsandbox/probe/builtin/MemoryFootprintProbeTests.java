package dev.junitsandbox.probe.builtin;

import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.internal.host.HostProcessesTests.RUNSC_1;
import static dev.junitsandbox.internal.host.HostProcessesTests.RUNSC_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.internal.host.HostProcessesTests;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.builtin.MemoryFootprintProbe.SandboxMemory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryFootprintProbeTests {

  @Test
  void defaultsToTwentyIdleContainers() {
    MemoryFootprintProbe footprint = Probes.memoryFootprint();

    assertThat(footprint.containers()).isEqualTo(20);
    assertThat(footprint.settle()).isEqualTo(Duration.ofSeconds(2));
    assertThat(footprint.name()).isEqualTo("memory.footprint");
    assertThat(footprint.parameters())
        .containsExactly(
            Map.entry("command", "sleep infinity"),
            Map.entry("containers", "20"),
            Map.entry("settle", "PT2S"));
    assertThat(footprint.containers(100).containers()).isEqualTo(100);
  }

  @Test
  void rejectsValuesThatCannotMeasure() {
    assertThatThrownBy(() -> Probes.memoryFootprint().containers(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("containers must be at least 1, but was 0; the default is containers(20)");
    assertThatThrownBy(() -> Probes.memoryFootprint().settle(Duration.ofSeconds(-1)))
        .hasMessage("settle must be 0 or more, but was PT-1S");
    assertThatThrownBy(() -> Probes.memoryFootprint().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive, but was PT0S");
  }

  @Test
  void saysWhyTheHostHasNoFootprint() {
    MemoryFootprintProbe footprint = Probes.memoryFootprint();

    assertThat(footprint.unsupportedReason(RuntimeUnderTest.host()))
        .hasValue(
            "a host process has no sandbox of its own: its memory footprint is the workload's,"
                + " with nothing added to compare");
    assertThat(footprint.unsupportedReason(RuntimeUnderTest.docker("runsc", "runsc"))).isEmpty();
  }

  @Test
  void averagesTheSandboxesOfACapturedProcessTable() {
    // GIVEN the two idle gVisor sandboxes of the captured /proc
    HostProcesses table = HostProcessesTests.snapshot();
    List<SandboxMemory> sandboxes =
        List.of(
            SandboxMemory.of(RUNSC_1, table.sandboxOf(RUNSC_1), p -> table.memoryOf(p.pid())),
            SandboxMemory.of(RUNSC_2, table.sandboxOf(RUNSC_2), p -> table.memoryOf(p.pid())));

    // WHEN
    Measurement footprint = Probes.memoryFootprint().containers(2).summarize("runsc", sandboxes);

    // THEN private dirty: (1808+4764+5336+0+28) and (2448+4816+5300+0+28) kB
    assertThat(footprint.figure("privateDirty").samples())
        .containsExactly(11_936 / 1024.0, 12_592 / 1024.0);
    assertThat(footprint.figure("privateDirty").value()).isCloseTo(12_264 / 1024.0, within(1e-9));
    assertThat(footprint.figure("privateDirty").unit()).isEqualTo("MiB");
    assertThat(footprint.figure("pss").samples())
        .containsExactly(
            (3767 + 6457 + 7833 + 1 + 201) / 1024.0, (4422 + 6435 + 7633 + 1 + 217) / 1024.0);
    assertThat(footprint.figure("processesPerSandbox").value()).isEqualTo(5.0);
    assertThat(footprint.figure("privateDirty.runsc-sandbox").samples())
        .containsExactly(5336 / 1024.0, 5300 / 1024.0);
    assertThat(footprint.figure("pss.exe").samples()).containsExactly(202 / 1024.0, 218 / 1024.0);
    assertThat(footprint.figures())
        .extracting(Figure::name)
        .containsExactly(
            "privateDirty",
            "pss",
            "processesPerSandbox",
            "privateDirty.containerd-shim-runc-v2",
            "privateDirty.exe",
            "privateDirty.runsc-gofer",
            "privateDirty.runsc-sandbox",
            "pss.containerd-shim-runc-v2",
            "pss.exe",
            "pss.runsc-gofer",
            "pss.runsc-sandbox");
    assertThat(footprint.notes())
        .contains(
            "processes per sandbox (mean): containerd-shim-runc-v2 x1.00, exe x2.00, runsc-gofer"
                + " x1.00, runsc-sandbox x1.00",
            "averaged over 2 idle containers");
  }

  @Runtimes(RUNC)
  void measuresIdleRuncContainersAndRemovesThem(Sandbox sandbox) {
    // WHEN
    Measurement footprint = sandbox.measure(Probes.memoryFootprint().containers(3));

    // THEN each sandbox is a shim and its 'sleep infinity'
    assertThat(footprint.figure("privateDirty").samples()).hasSize(3).allMatch(mib -> mib > 0.5);
    assertThat(footprint.figure("pss").value())
        .isGreaterThan(footprint.figure("privateDirty").value());
    assertThat(footprint.figure("processesPerSandbox").value()).isEqualTo(2.0);
    assertThat(footprint.findFigure("privateDirty.sleep")).isPresent();
    assertThat(footprint.findFigure("privateDirty.containerd-shim-runc-v2")).isPresent();
    assertThat(ThisJvmsLaunches.list()).isEmpty();
  }

  @Runtimes(RUNC)
  void containersThatDoNotStartInTimeAreRemoved(Sandbox sandbox) {
    MemoryFootprintProbe impatient =
        Probes.memoryFootprint().containers(3).timeout(Duration.ofMillis(1));

    assertThatThrownBy(() -> sandbox.measure(impatient))
        .isInstanceOf(ProbeException.class)
        .hasMessageStartingWith("memory.footprint on runc: only 0 of 3 containers started within");
    assertThat(ThisJvmsLaunches.list()).isEmpty();
  }
}
