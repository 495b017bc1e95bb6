package dev.junitsandbox.probe.thirdparty;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchPhases;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProcessMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * A probe as a user would write it, against the exported SPI only (no built-in, internal,
 * docker-java or Testcontainers type; {@link SpiOnlyProbeTests} checks this file's imports): it
 * launches idle sandboxes of the runtime under test, times each to its first line, finds each one's
 * processes on the host and reads their memory, as the startup and footprint probes do.
 */
final class IdleSandboxesProbe implements Probe {

  static final List<String> COMMAND = List.of("sh", "-c", "echo up; exec sleep infinity");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final int sandboxes;
  private final Consumer<LaunchedSandbox> leftOpen;

  /** Keeps {@code sandboxes} running side by side and removes them all. */
  IdleSandboxesProbe(int sandboxes) {
    this(sandboxes, null);
  }

  /**
   * Leaves the last sandbox open, for the sandbox's close to remove, and hands it to {@code
   * leftOpen} while it runs.
   */
  IdleSandboxesProbe(int sandboxes, Consumer<LaunchedSandbox> leftOpen) {
    this.sandboxes = sandboxes;
    this.leftOpen = leftOpen;
  }

  @Override
  public String name() {
    return "user.idleSandboxes";
  }

  @Override
  public Map<String, String> parameters() {
    return Map.of("sandboxes", Integer.toString(sandboxes));
  }

  @Override
  public Measurement run(ProbeContext context) {
    Histogram launchToUp = Measurement.newNanosHistogram();
    List<LaunchedSandbox> running = new ArrayList<>();
    try {
      for (int i = 0; i < sandboxes; i++) {
        LaunchedSandbox sandbox = context.launch(COMMAND, TIMEOUT);
        running.add(sandbox);
        LaunchPhases phases = sandbox.awaitOutputLine("up", TIMEOUT);
        launchToUp.recordValue(phases.total().toNanos());
      }
      List<Double> processes = new ArrayList<>();
      List<Double> privateDirtyMib = new ArrayList<>();
      List<String> names = List.of();
      for (LaunchedSandbox sandbox : running) {
        List<HostProcess> own = sandbox.hostProcesses();
        ProcessMemory memory =
            own.stream()
                .map(process -> context.memoryOf(process).orElse(ProcessMemory.NONE))
                .reduce(ProcessMemory.NONE, ProcessMemory::plus);
        processes.add((double) own.size());
        privateDirtyMib.add(memory.privateDirtyKib() / 1024.0);
        names = own.stream().map(HostProcess::name).toList();
      }
      return Measurement.builder(name(), context.runtime().id(), parameters())
          .latency("launch to up", launchToUp)
          .figure(Figure.meanOf("processes", "processes", Figure.Better.LOWER, processes))
          .figure(Figure.meanOf("privateDirty", "MiB", Figure.Better.LOWER, privateDirtyMib))
          .note("processes: " + names.stream().collect(Collectors.joining(", ")))
          .build();
    } finally {
      if (leftOpen != null && !running.isEmpty()) {
        leftOpen.accept(running.remove(running.size() - 1));
      }
      running.forEach(LaunchedSandbox::close);
    }
  }
}
