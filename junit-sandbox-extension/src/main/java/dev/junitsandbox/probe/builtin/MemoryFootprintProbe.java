package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Memory footprint of an idle sandbox: what the host spends on each container beyond its workload.
 *
 * <p><b>Method.</b> The probe launches {@link #containers()} idle containers of the probe image
 * ({@code sleep infinity}) under the sandbox's runtime with {@link ProbeContext#launch}, a few at a
 * time, waits until all run and then {@link #settle()} more. For each container it finds its host
 * processes ({@link LaunchedSandbox#hostProcesses()}: the containerd shim whose command line names
 * the container's id and all the shim's descendants): under runc the shim and the container's
 * process; under gVisor the shim, {@code runsc-gofer}, {@code runsc-sandbox} (the Sentry, which
 * holds the container's memory) and its ptrace stubs; under Kata the shim and the virtual machine.
 * It sums {@code Pss} and {@code Private_Dirty} from each process's {@code
 * /proc/<pid>/smaps_rollup} ({@link ProbeContext#memoryOf}). The containers are removed afterwards,
 * also when the probe fails. The sandbox container the test holds is not counted. The probe uses
 * only the {@link ProbeContext} SPI.
 *
 * <p>The probe reads the host's {@code /proc}, so the JVM must run on the Docker host, as root (or
 * with CAP_SYS_PTRACE). It has no meaning on {@link dev.junitsandbox.ContainerRuntime#HOST}: a host
 * process has no sandbox of its own, so its footprint is the workload's.
 *
 * <p><b>Timed region.</b> None: memory is read once, with all containers idle.
 *
 * <p><b>Result.</b> Figures, each the mean over the containers with one sample per container:
 * {@code privateDirty} and {@code pss} in MiB per sandbox (all its processes together), {@code
 * processesPerSandbox}, and the breakdown by process name ({@link HostProcess#name()}, e.g. {@code
 * privateDirty.runsc-sandbox}, {@code pss.containerd-shim-runc-v2}). Private dirty memory is what
 * removing the sandbox frees; PSS also charges each process its share of pages it shares, so it
 * falls as more sandboxes of the same kind run side by side.
 *
 * <p><b>Defaults.</b> 20 containers, settled 2 s, all started within 3 minutes. Neither study's
 * footprint method or container count is quoted (docs/metrics.md); {@code containers(100)} would
 * take about 1.5 GB of memory under gVisor and a few minutes to start here.
 */
public final class MemoryFootprintProbe implements Probe {

  private static final int DEFAULT_CONTAINERS = 20;
  private static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
  // launches in parallel: not measured, only waited for; more than this only queues in the daemon
  private static final int PARALLEL_LAUNCHES = 4;
  private static final List<String> COMMAND = List.of("sleep", "infinity");
  private static final double KIB_PER_MIB = 1024.0;

  private final int containers;
  private final Duration settle;
  private final Duration timeout;

  private MemoryFootprintProbe(int containers, Duration settle, Duration timeout) {
    ProbeSettings.atLeast("containers", containers, 1, "; the default is containers(20)");
    ProbeSettings.notNegative("settle", settle);
    ProbeSettings.positive("timeout", timeout);
    this.containers = containers;
    this.settle = settle;
    this.timeout = timeout;
  }

  static MemoryFootprintProbe defaults() {
    return new MemoryFootprintProbe(DEFAULT_CONTAINERS, DEFAULT_SETTLE, DEFAULT_TIMEOUT);
  }

  /** The same probe averaging over {@code containers} idle sandboxes (default 20; studies 100). */
  public MemoryFootprintProbe containers(int containers) {
    return new MemoryFootprintProbe(containers, settle, timeout);
  }

  /** The same probe waiting {@code settle} after all containers run (default 2 s). */
  public MemoryFootprintProbe settle(Duration settle) {
    return new MemoryFootprintProbe(containers, settle, timeout);
  }

  /** The same probe giving up when starting the containers takes longer (default 3 minutes). */
  public MemoryFootprintProbe timeout(Duration timeout) {
    return new MemoryFootprintProbe(containers, settle, timeout);
  }

  /** Idle containers measured. */
  public int containers() {
    return containers;
  }

  /** The wait between all containers running and reading their memory. */
  public Duration settle() {
    return settle;
  }

  @Override
  public String name() {
    return "memory.footprint";
  }

  @Override
  public Map<String, String> parameters() {
    return ProbeSettings.parameters()
        .with("command", String.join(" ", COMMAND))
        .with("containers", containers)
        .with("settle", settle)
        .build();
  }

  @Override
  public Optional<String> unsupportedReason(RuntimeUnderTest runtime) {
    if (runtime.isHost()) {
      return Optional.of(
          "a host process has no sandbox of its own: its memory footprint is the workload's,"
              + " with nothing added to compare");
    }
    return Optional.empty();
  }

  @Override
  public Measurement run(ProbeContext context) {
    String where = name() + " on " + context.runtime().id();
    Optional<String> unsupported = unsupportedReason(context.runtime());
    if (unsupported.isPresent()) {
      throw new ProbeException(where + " cannot run: " + unsupported.get());
    }
    List<LaunchedSandbox> idle = new ArrayList<>();
    RuntimeException failure = null;
    try {
      idle.addAll(launchAll(context, where));
      Workloads.sleep(settle);
      for (LaunchedSandbox sandbox : idle) {
        if (!sandbox.isRunning()) {
          throw new ProbeException(
              String.format(
                  "%s: idle container %s is not running; it printed: %s",
                  where, sandbox.id(), sandbox.output().isEmpty() ? "nothing" : sandbox.output()));
        }
      }
      List<SandboxMemory> sandboxes = new ArrayList<>();
      for (LaunchedSandbox sandbox : idle) {
        sandboxes.add(SandboxMemory.of(sandbox.id(), sandbox.hostProcesses(), context::memoryOf));
      }
      return summarize(context.runtime().id(), sandboxes);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      closeAll(idle, failure);
    }
  }

  /**
   * Launches all containers, {@value #PARALLEL_LAUNCHES} at a time, each within what is left of the
   * timeout. Every launch returns (started, or removed and failed) before this does, so a failure
   * leaves nothing running but the ones it returns through the exception's cleanup.
   */
  private List<LaunchedSandbox> launchAll(ProbeContext context, String where) {
    ExecutorService executor =
        Executors.newFixedThreadPool(
            PARALLEL_LAUNCHES,
            task -> {
              Thread thread = new Thread(task, "junit-sandbox-footprint-probe");
              thread.setDaemon(true);
              return thread;
            });
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Future<LaunchedSandbox>> launches = new ArrayList<>();
    for (int i = 0; i < containers; i++) {
      launches.add(
          executor.submit(
              () -> {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                  return null; // out of time before it began: nothing to launch or remove
                }
                return context.launch(COMMAND, Duration.ofNanos(remaining));
              }));
    }
    executor.shutdown();
    List<LaunchedSandbox> started = new ArrayList<>();
    ProbeException firstFailure = null;
    // no timeout and no cancel here: each launch is bounded by its own, and one that gives up
    // removes what it made before it returns; interrupting one could leave a container behind
    for (Future<LaunchedSandbox> launch : launches) {
      try {
        LaunchedSandbox sandbox = awaitUninterruptibly(launch);
        if (sandbox != null) {
          started.add(sandbox);
        }
      } catch (ExecutionException e) {
        if (firstFailure == null) {
          firstFailure =
              e.getCause() instanceof ProbeException probe
                  ? probe
                  : new ProbeException(String.valueOf(e.getCause()), e.getCause());
        }
      }
    }
    if (started.size() == containers) {
      return started;
    }
    ProbeException failure =
        System.nanoTime() - deadline >= 0
            ? new ProbeException(
                String.format(
                    "%s: only %d of %d containers started within %s; allow more with timeout(...)"
                        + " or start fewer with containers(...)",
                    where, started.size(), containers, timeout),
                firstFailure)
            : new ProbeException(
                String.format(
                    "%s: cannot start an idle container: %s",
                    where, firstFailure == null ? "no reason given" : firstFailure.getMessage()),
                firstFailure);
    closeAll(started, failure);
    throw failure;
  }

  private static LaunchedSandbox awaitUninterruptibly(Future<LaunchedSandbox> launch)
      throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return launch.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Removes the containers; what cannot be removed is added to {@code failure} or thrown. */
  private static void closeAll(List<LaunchedSandbox> sandboxes, RuntimeException failure) {
    ProbeException notRemoved = null;
    for (LaunchedSandbox sandbox : sandboxes) {
      try {
        sandbox.close();
      } catch (RuntimeException e) {
        if (notRemoved == null) {
          notRemoved =
              new ProbeException(
                  "Cannot remove the footprint probe's containers; remove them with: docker rm -f"
                      + " $(docker ps -aq --filter label=dev.junitsandbox=probe)");
        }
        notRemoved.addSuppressed(e);
      }
    }
    sandboxes.clear();
    if (notRemoved != null) {
      if (failure != null) {
        failure.addSuppressed(notRemoved);
      } else {
        throw notRemoved;
      }
    }
  }

  /** The measurement from the per-sandbox sums; package-private for tests on captured data. */
  Measurement summarize(String runtimeId, List<SandboxMemory> sandboxes) {
    Measurement.Builder builder =
        Measurement.builder(name(), runtimeId, parameters())
            .figure(
                mib(
                    "privateDirty",
                    sandboxes,
                    SandboxMemory::total,
                    ProcessMemory::privateDirtyKib))
            .figure(mib("pss", sandboxes, SandboxMemory::total, ProcessMemory::pssKib))
            .figure(
                Figure.meanOf(
                    "processesPerSandbox",
                    "processes",
                    Better.LOWER,
                    sandboxes.stream().map(s -> (double) s.processes().size()).toList()));
    Map<String, Long> counts = new TreeMap<>();
    sandboxes.forEach(
        s -> s.processes().forEach(p -> counts.merge(p.process().name(), 1L, Long::sum)));
    for (String processName : counts.keySet()) {
      builder.figure(
          mib(
              "privateDirty." + processName,
              sandboxes,
              s -> s.totalOf(processName),
              ProcessMemory::privateDirtyKib));
    }
    for (String processName : counts.keySet()) {
      builder.figure(
          mib("pss." + processName, sandboxes, s -> s.totalOf(processName), ProcessMemory::pssKib));
    }
    builder.note(
        "processes per sandbox (mean): "
            + counts.entrySet().stream()
                .map(
                    entry ->
                        String.format(
                            Locale.ROOT,
                            "%s x%s",
                            entry.getKey(),
                            Figure.formatValue(entry.getValue() / (double) sandboxes.size())))
                .collect(Collectors.joining(", ")));
    if (counts.containsKey("exe")) {
      builder.note(
          "'exe' are processes without a command line, named by the kernel (comm): under gVisor's"
              + " ptrace platform, the stub processes that run the sandboxed threads");
    }
    builder.note(
        "the containerd shim and all its descendants per container, from /proc/<pid>/smaps_rollup;"
            + " PSS shares each shared page among all processes mapping it, so it falls as more"
            + " sandboxes of the same kind run at once");
    builder.note("averaged over " + containers + " idle containers");
    return builder.build();
  }

  private static Figure mib(
      String name,
      List<SandboxMemory> sandboxes,
      Function<SandboxMemory, ProcessMemory> part,
      ToLongFunction<ProcessMemory> kilobytes) {
    return Figure.meanOf(
        name,
        "MiB",
        Better.LOWER,
        sandboxes.stream()
            .map(part)
            .map(memory -> kilobytes.applyAsLong(memory) / KIB_PER_MIB)
            .toList());
  }

  /**
   * The host processes of one container and their memory.
   *
   * @param containerId the container's id
   * @param processes the shim first, then its descendants
   */
  record SandboxMemory(String containerId, List<ProcessFootprint> processes) {

    SandboxMemory {
      processes = List.copyOf(processes);
    }

    /**
     * Reads the memory of {@code processes}; a process that ended since they were listed (a
     * short-lived helper) holds nothing any more and is left out.
     */
    static SandboxMemory of(
        String containerId,
        List<HostProcess> processes,
        Function<HostProcess, Optional<ProcessMemory>> memoryOf) {
      List<ProcessFootprint> footprints = new ArrayList<>();
      for (HostProcess process : processes) {
        memoryOf
            .apply(process)
            .ifPresent(memory -> footprints.add(new ProcessFootprint(process, memory)));
      }
      return new SandboxMemory(containerId, footprints);
    }

    ProcessMemory total() {
      return processes.stream()
          .map(ProcessFootprint::memory)
          .reduce(ProcessMemory.NONE, ProcessMemory::plus);
    }

    ProcessMemory totalOf(String processName) {
      return processes.stream()
          .filter(p -> p.process().name().equals(processName))
          .map(ProcessFootprint::memory)
          .reduce(ProcessMemory.NONE, ProcessMemory::plus);
    }
  }

  /** One process of a sandbox and its memory. */
  record ProcessFootprint(HostProcess process, ProcessMemory memory) {}

  /** {@code name{parameter=value, ...}}, as in test names and messages. */
  @Override
  public String toString() {
    return ProbeSettings.describe(this);
  }
}
