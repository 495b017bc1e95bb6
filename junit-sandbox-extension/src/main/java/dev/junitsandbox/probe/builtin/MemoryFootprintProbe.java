package dev.junitsandbox.probe.builtin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.docker.ContainerLaunches;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.internal.host.HostProcesses.HostProcess;
import dev.junitsandbox.internal.host.HostProcesses.ProcessMemory;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Figure.Better;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * Memory footprint of an idle sandbox: what the host spends on each container beyond its workload.
 *
 * <p><b>Method.</b> The probe starts {@link #containers()} idle containers of the probe image
 * ({@code sleep infinity}) under the sandbox's runtime through the daemon's API, labelled {@code
 * dev.junitsandbox=probe}, waits until all run and then {@link #settle()} more. For each container
 * it finds, in the host's {@code /proc}, the containerd shim whose command line names the
 * container's id and all the shim's descendants: under runc the shim and the container's process;
 * under gVisor the shim, {@code runsc-gofer}, {@code runsc-sandbox} (the Sentry, which holds the
 * container's memory) and its ptrace stubs; under Kata the shim and the virtual machine. It sums
 * {@code Pss} and {@code Private_Dirty} from each process's {@code /proc/<pid>/smaps_rollup}. The
 * containers are removed afterwards, also when the probe fails. The sandbox container the test
 * holds is not counted.
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
 * <p><b>Defaults.</b> 20 containers, settled 2 s, all started within 3 minutes. The studies
 * averaged over 100: {@code containers(100)} is one setting away (about 1.5 GB of memory under
 * gVisor and a few minutes to start here).
 */
public final class MemoryFootprintProbe implements Probe {

  private static final int DEFAULT_CONTAINERS = 20;
  private static final Duration DEFAULT_SETTLE = Duration.ofSeconds(2);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);
  // starts in parallel: not measured, only waited for; more than this only queues in the daemon
  private static final int PARALLEL_STARTS = 4;
  private static final List<String> COMMAND = List.of("sleep", "infinity");
  private static final double KIB_PER_MIB = 1024.0;

  private final int containers;
  private final Duration settle;
  private final Duration timeout;

  private MemoryFootprintProbe(int containers, Duration settle, Duration timeout) {
    if (containers < 1) {
      throw new IllegalArgumentException(
          "containers must be at least 1, but was "
              + containers
              + "; the studies used containers(100)");
    }
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle must be 0 or more, but was " + settle);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
    }
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
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("command", String.join(" ", COMMAND));
    parameters.put("containers", Integer.toString(containers));
    parameters.put("settle", settle.toString());
    return parameters;
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
    String runtime = context.runtime().dockerName().orElseThrow();
    DockerClient docker = ContainerLaunches.docker();
    String prefix = ContainerLaunches.uniquePrefix("footprint");
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= containers; i++) {
      names.add(prefix + i);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            PARALLEL_STARTS,
            task -> {
              Thread thread = new Thread(task, "junit-sandbox-footprint-probe");
              thread.setDaemon(true);
              return thread;
            });
    RuntimeException failure = null;
    try {
      List<String> ids = startAll(executor, docker, context.image(), runtime, names, where);
      Workloads.sleep(settle);
      requireRunning(docker, ids, where);
      return measure(context, ids, where);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      try {
        removeAll(executor, docker, names, failure);
      } finally {
        // a start that outlived a timeout may create its container after the removal above
        executor.shutdownNow();
        awaitQuietly(executor);
        removeLeftovers(docker, prefix, failure);
      }
    }
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes what is left of this run's containers, found by their name prefix. */
  private static void removeLeftovers(
      DockerClient docker, String prefix, RuntimeException failure) {
    List<String> left;
    try {
      left =
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withNameFilter(List.of(prefix))
              .exec()
              .stream()
              .map(Container::getId)
              .toList();
    } catch (RuntimeException e) {
      return; // the removal by name before has reported what it could not remove
    }
    for (String id : left) {
      RuntimeException error = ContainerLaunches.removeQuietly(docker, id);
      if (error != null && failure != null) {
        failure.addSuppressed(error);
      }
    }
  }

  private List<String> startAll(
      ExecutorService executor,
      DockerClient docker,
      String image,
      String runtime,
      List<String> names,
      String where) {
    List<Future<String>> starts = new ArrayList<>();
    for (String name : names) {
      starts.add(
          executor.submit(
              () -> {
                String id =
                    ContainerLaunches.create(docker, image, runtime, name, COMMAND).exec().getId();
                docker.startContainerCmd(id).exec();
                return id;
              }));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      try {
        ids.add(starts.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        starts.forEach(start -> start.cancel(true));
        throw new ProbeException(
            String.format(
                "%s: only %d of %d containers started within %s; allow more with timeout(...) or"
                    + " start fewer with containers(...)",
                where, ids.size(), names.size(), timeout),
            e);
      } catch (ExecutionException e) {
        starts.forEach(start -> start.cancel(true));
        throw new ProbeException(
            String.format(
                "%s: cannot start container %s: %s; by hand: %s",
                where,
                names.get(i),
                e.getCause(),
                ContainerLaunches.dockerRun(runtime, image, COMMAND)),
            e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException(where + ": interrupted", e);
      }
    }
    return ids;
  }

  private static void requireRunning(DockerClient docker, List<String> ids, String where) {
    for (String id : ids) {
      InspectContainerResponse.ContainerState state =
          docker.inspectContainerCmd(id).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        throw new ProbeException(
            String.format(
                "%s: idle container %s is not running (status %s, exit code %s, error '%s')",
                where, id, state.getStatus(), state.getExitCodeLong(), state.getError()));
      }
    }
  }

  private Measurement measure(ProbeContext context, List<String> ids, String where) {
    HostProcesses processes = HostProcesses.read(HostProcesses.PROC);
    List<SandboxMemory> sandboxes = new ArrayList<>();
    for (String id : ids) {
      sandboxes.add(SandboxMemory.of(processes, id, where));
    }
    return summarize(context.runtime().id(), sandboxes);
  }

  /** The measurement from the per-sandbox sums; package-private for tests on captured data. */
  Measurement summarize(String runtimeId, List<SandboxMemory> sandboxes) {
    Measurement.Builder builder =
        Measurement.builder(name(), runtimeId, parameters())
            .figure(
                mib("privateDirty", sandboxes, SandboxMemory::total, ProcessMemory::privateDirtyKb))
            .figure(mib("pss", sandboxes, SandboxMemory::total, ProcessMemory::pssKb))
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
              ProcessMemory::privateDirtyKb));
    }
    for (String processName : counts.keySet()) {
      builder.figure(
          mib("pss." + processName, sandboxes, s -> s.totalOf(processName), ProcessMemory::pssKb));
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
    if (containers != 100) {
      builder.note(
          containers + " idle containers; the studies averaged over 100 (containers(100))");
    }
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

  private static void removeAll(
      ExecutorService executor, DockerClient docker, List<String> names, RuntimeException failure) {
    List<Future<RuntimeException>> removals = new ArrayList<>();
    for (String name : names) {
      removals.add(executor.submit(() -> ContainerLaunches.removeQuietly(docker, name)));
    }
    List<String> left = new ArrayList<>();
    for (int i = 0; i < removals.size(); i++) {
      RuntimeException error;
      try {
        error = removals.get(i).get(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = new ProbeException("interrupted", e);
      } catch (ExecutionException | TimeoutException e) {
        error = new ProbeException(e.toString(), e);
      }
      if (error != null) {
        left.add(names.get(i) + " (" + error.getMessage() + ")");
      }
    }
    if (!left.isEmpty()) {
      ProbeException notRemoved =
          new ProbeException(
              "Cannot remove the footprint probe's containers "
                  + left
                  + "; remove them with: docker rm -f $(docker ps -aq --filter"
                  + " label=dev.junitsandbox=probe)");
      if (failure != null) {
        failure.addSuppressed(notRemoved);
      } else {
        throw notRemoved;
      }
    }
  }

  @Override
  public String toString() {
    return name() + parameters();
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
     * Finds the container's processes in {@code table} and reads their memory.
     *
     * @throws ProbeException if no shim names the container
     */
    static SandboxMemory of(HostProcesses table, String containerId, String where) {
      HostProcess shim =
          table
              .shimOf(containerId)
              .orElseThrow(
                  () ->
                      new ProbeException(
                          String.format(
                              "%s: no containerd shim in the host's process table names container"
                                  + " %s; the probe must run on the Docker host itself (not"
                                  + " against a remote DOCKER_HOST), in its PID namespace",
                              where, containerId)));
      List<ProcessFootprint> processes = new ArrayList<>();
      for (HostProcess process : table.treeOf(shim.pid())) {
        // a process that ended since the snapshot (a short-lived helper) holds nothing any more
        table
            .memoryOf(process)
            .ifPresent(memory -> processes.add(new ProcessFootprint(process, memory)));
      }
      return new SandboxMemory(containerId, processes);
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
}
