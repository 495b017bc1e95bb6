package dev.junitsandbox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.internal.incus.IncusClient;
import dev.junitsandbox.internal.incus.IncusException;
import dev.junitsandbox.internal.incus.IncusHost;
import dev.junitsandbox.internal.incus.IncusInstance;
import dev.junitsandbox.internal.incus.IncusLauncher;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Incus system container of one invocation ({@code INCUS}): probes run in it through Incus's
 * exec with recorded output, start servers in it, write files through its file API, and launch
 * further containers beside it ({@link IncusLauncher}); it has its own address on setup's bridge.
 * Closing it stops what probes started on the host, removes their host scratch directory, the
 * container and everything launched. Every Incus call is bounded; an exec that outlives its timeout
 * is killed inside the container, as in a Docker container.
 */
final class IncusProbeContext implements SandboxContext {

  /** The network mode of every Incus sandbox, as {@code ProbeContext.networkMode()} says it. */
  static final String NETWORK_MODE = "bridge";

  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final RuntimeUnderTest runtime;
  private final IncusClient client;
  private final IncusHost incus;
  private final IncusInstance instance;
  private final String image;
  private final List<ShellBackgroundCommand> started = new ArrayList<>();
  private final HostSide host = new HostSide();
  private IncusLauncher launcher;

  private IncusProbeContext(
      RuntimeUnderTest runtime,
      IncusClient client,
      IncusHost incus,
      IncusInstance instance,
      String image) {
    this.runtime = runtime;
    this.client = client;
    this.incus = incus;
    this.instance = instance;
    this.image = image;
  }

  /**
   * Creates and starts a container of the probe image, labelled with the run (so that the next run
   * removes it if this JVM is killed).
   *
   * @throws ProbeException if it cannot be made or started, after removing what was made
   */
  static IncusProbeContext start(
      RuntimeUnderTest runtime, IncusClient client, IncusHost incus, String probeTag) {
    Map<String, String> labels = RunIdentity.current().labelsWith(RunIdentity.LABEL, "probe");
    IncusInstance instance;
    try {
      instance = IncusInstance.create(client, incus, "exec sleep infinity", labels, client.limit());
    } catch (IncusException e) {
      throw new ProbeException("Cannot create the Incus sandbox: " + e.getMessage(), e);
    }
    try {
      instance.start(client.limit());
      IncusProbeContext context = new IncusProbeContext(runtime, client, incus, instance, probeTag);
      // made here rather than by its init: "started" means running, not that init got that far
      ExecResult scratch =
          context.exec(
              CONTROL_TIMEOUT, List.of("mkdir", "-p", ContainerProbeContext.SCRATCH_DIRECTORY));
      if (!scratch.succeeded()) {
        throw new IncusException(
            scratch.exitCode(),
            "cannot make " + ContainerProbeContext.SCRATCH_DIRECTORY + ": " + scratch.stderr());
      }
      return context;
    } catch (IncusException | ProbeException e) {
      ProbeException failed =
          new ProbeException(
              "Cannot start Incus container " + instance.name() + ": " + e.getMessage(), e);
      try {
        instance.close();
      } catch (IncusException notRemoved) {
        failed.addSuppressed(notRemoved);
      }
      throw failed;
    }
  }

  @Override
  public RuntimeUnderTest runtime() {
    return runtime;
  }

  @Override
  public String networkMode() {
    return NETWORK_MODE;
  }

  @Override
  public String probeBinary() {
    return ContainerProbeContext.PROBE_BINARY;
  }

  /** The probe image the Incus image was made from: the same files as in a Docker sandbox. */
  @Override
  public String image() {
    return image;
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    return exec(timeout, command, MarkedExecs.uniqueMarker());
  }

  /**
   * Runs {@code command} to its end, its output recorded by Incus, marked with {@code marker} so
   * that it can be killed when it outlives {@code timeout}; with a null marker it is not marked
   * (the kill itself) and not killed.
   */
  private ExecResult exec(Duration timeout, List<String> command, String marker) {
    String what = "'" + String.join(" ", command) + "' in Incus container " + instance.name();
    IncusClient.Operation done;
    try {
      String id =
          client.exec(
              instance.name(),
              command,
              marker == null ? Map.of() : Map.of(MarkedExecs.EXEC_MARKER, marker),
              true);
      done = client.await(id, timeout);
    } catch (IncusException e) {
      throw new ProbeException("Cannot run " + what + ": " + e.getMessage(), e);
    }
    if (!done.isFinal()) {
      throw new ProbeException(
          String.format(
              "%s did not finish within %s in the %s container; %s",
              String.join(" ", command),
              timeout,
              runtime.id(),
              marker == null ? "not killed" : killMarked(marker)));
    }
    JsonNode exit = done.metadata().path("return");
    String stdout;
    String stderr;
    try {
      stdout = client.output(done, 1);
      stderr = client.output(done, 2);
    } catch (IncusException e) {
      throw new ProbeException("Cannot read the output of " + what + ": " + e.getMessage(), e);
    }
    if (!done.succeeded() && !done.error().isEmpty()) {
      // Incus could not run it at all, e.g. the program does not exist
      stderr = stderr + done.error();
    }
    return new ExecResult(command, exit.isNumber() ? exit.asInt() : -1, stdout, stderr);
  }

  /** Kills what carries {@code marker} in the container; what it did, for the timeout's message. */
  private String killMarked(String marker) {
    return MarkedExecs.killMarked(
        (timeout, command) -> exec(timeout, command, null), marker, RuntimeException::getMessage);
  }

  /** Writes the file through Incus's file API: no shell, any content, any size. */
  @Override
  public void writeFile(String path, String content) {
    try {
      client.push(instance.name(), path, content.getBytes(StandardCharsets.UTF_8));
    } catch (IncusException e) {
      throw new ProbeException(
          String.format(
              "Cannot write %s in the %s sandbox: %s", path, runtime.id(), e.getMessage()),
          e);
    }
  }

  /**
   * Starts the command without waiting for it (an exec nobody waits for), through a shell that
   * records its pid and output in files, so that {@link ShellBackgroundCommand} can stop it.
   */
  @Override
  public synchronized BackgroundCommand start(List<String> command) {
    String base = ContainerProbeContext.SCRATCH_DIRECTORY + "/background-" + (started.size() + 1);
    try {
      String exec =
          client.exec(
              instance.name(), ShellBackgroundCommand.wrapped(command, base), Map.of(), false);
      awaitStarted(exec, base + ".pid");
    } catch (IncusException e) {
      throw new ProbeException(
          "Cannot start '"
              + String.join(" ", command)
              + "' in the incus sandbox: "
              + e.getMessage(),
          e);
    }
    ShellBackgroundCommand background =
        new ShellBackgroundCommand(command, base, this::exec, "the " + runtime.id() + " sandbox");
    started.add(background);
    return background;
  }

  /**
   * Waits until the background command's pid file exists (or its exec has ended): Incus starts an
   * exec after answering the request, and a caller that asks at once whether the command runs must
   * not be told that it has ended.
   */
  private void awaitStarted(String exec, String pidFile) {
    long deadline = System.nanoTime() + CONTROL_TIMEOUT.toNanos();
    while (!client.exists(instance.name(), pidFile)
        && !client.operation(exec).isFinal()
        && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProbeException("Interrupted while starting a command in " + this, e);
      }
    }
  }

  @Override
  public ExecResult execOnHost(Duration timeout, List<String> command) {
    return HostCommand.run(timeout, command);
  }

  @Override
  public HostBackgroundCommand startOnHost(List<String> command) {
    return host.start(command);
  }

  @Override
  public Path hostScratchDirectory() {
    return host.scratchDirectory();
  }

  /** Its fixed address on the bridge. */
  @Override
  public String sandboxAddress() {
    return instance.address();
  }

  /** The bridge's address on the host, its gateway. */
  @Override
  public String hostAddress() {
    return incus.gateway();
  }

  @Override
  public String scratchDirectory() {
    return ContainerProbeContext.SCRATCH_DIRECTORY;
  }

  @Override
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    return launcher().launch(command, timeout);
  }

  private synchronized IncusLauncher launcher() {
    if (launcher == null) {
      launcher =
          new IncusLauncher(
              client, incus, RunIdentity.current().labelsWith(RunIdentity.LABEL, "probe"));
    }
    return launcher;
  }

  @Override
  public Optional<ProcessMemory> memoryOf(HostProcess process) {
    return HostProcesses.readMemory(process);
  }

  /** The sandbox's own processes on the host (LXC monitor, init and its descendants). */
  List<HostProcess> hostProcesses() {
    return instance.hostProcesses();
  }

  /** The Incus container's name, for tests and diagnostics. */
  String instanceName() {
    return instance.name();
  }

  @Override
  public void close() {
    IncusLauncher launched;
    // stopping each command first lets servers shut down cleanly; removal would end them anyway
    synchronized (this) {
      started.forEach(ShellBackgroundCommand::close);
      started.clear();
      launched = launcher;
      launcher = null;
    }
    try {
      host.close();
      if (launched != null) {
        launched.close();
      }
    } finally {
      try {
        instance.close();
      } catch (IncusException e) {
        throw new ProbeException(e.getMessage(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "Incus sandbox " + instance.name();
  }
}
