package dev.junitsandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.docker.ContainerLauncher;
import dev.junitsandbox.internal.docker.DaemonCalls;
import dev.junitsandbox.internal.docker.DaemonCalls.DaemonCallTimeout;
import dev.junitsandbox.internal.docker.SandboxContainer;
import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The probe container of one invocation, started under the invocation's Docker runtime. Probes run
 * in it through {@code docker exec} and launch further containers of the same runtime through a
 * {@link ContainerLauncher}; closing it stops what probes started on the host, removes their host
 * scratch directory, the container and everything launched. Every daemon call is bounded ({@link
 * DaemonCalls}); an exec that outlives its timeout is killed inside the container, so that it does
 * not steal the CPU of the next measurement.
 */
final class ContainerProbeContext implements SandboxContext {

  static final String PROBE_BINARY = "/usr/local/bin/sandbox-probe";
  // not /tmp: gVisor mounts a tmpfs there, which would turn file I/O probes into memory probes
  static final String SCRATCH_DIRECTORY = "/var/tmp/junit-sandbox";
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final RuntimeUnderTest runtime;
  private final SandboxContainer container;
  private final String image;
  private final String networkMode;
  private final List<ShellBackgroundCommand> started = new ArrayList<>();
  private final HostSide host = new HostSide();
  private ContainerLauncher launcher;

  private ContainerProbeContext(
      RuntimeUnderTest runtime, SandboxContainer container, String image, String networkMode) {
    this.runtime = runtime;
    this.container = container;
    this.image = image;
    this.networkMode = networkMode;
  }

  /** Starts the probe image under {@code runtime}, each daemon call bounded by the default. */
  static ContainerProbeContext start(RuntimeUnderTest runtime, String image) {
    return start(runtime, image, DaemonCalls.DEFAULT_LIMIT);
  }

  /**
   * Starts the probe image under {@code runtime}, each daemon call bounded by {@code callLimit}.
   *
   * @throws ProbeException naming the runtime, the phase that failed or hung, what was killed and
   *     the command that reproduces the failure
   */
  static ContainerProbeContext start(RuntimeUnderTest runtime, String image, Duration callLimit) {
    return start(runtime, image, callLimit, null);
  }

  /**
   * As {@link #start(RuntimeUnderTest, String, Duration)}, for a runtime whose network mode is
   * known (a {@link dev.junitsandbox.report.RuntimeDescription#networkMode()}, or null if unknown).
   */
  static ContainerProbeContext start(
      RuntimeUnderTest runtime, String image, Duration callLimit, String networkMode) {
    SandboxContainer container =
        SandboxContainer.start(
            DaemonCalls.of(callLimit),
            runtime.dockerName().orElseThrow(),
            image,
            List.of("sh", "-c", "mkdir -p " + SCRATCH_DIRECTORY + " && exec sleep infinity"),
            RunIdentity.current()
                .labelsWith(RunIdentity.LABEL, "probe")); // run id, owner: Leftovers
    return new ContainerProbeContext(
        runtime, container, image, networkMode == null ? "unknown" : networkMode);
  }

  @Override
  public RuntimeUnderTest runtime() {
    return runtime;
  }

  @Override
  public String networkMode() {
    return networkMode;
  }

  @Override
  public String probeBinary() {
    return PROBE_BINARY;
  }

  @Override
  public String image() {
    return image;
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

  @Override
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    return launcher().launch(command, timeout);
  }

  private synchronized ContainerLauncher launcher() {
    if (launcher == null) {
      launcher =
          new ContainerLauncher(container.calls(), image, runtime.dockerName().orElseThrow());
    }
    return launcher;
  }

  @Override
  public Optional<ProcessMemory> memoryOf(HostProcess process) {
    return HostProcesses.readMemory(process);
  }

  @Override
  public String sandboxAddress() {
    return network().getIpAddress();
  }

  @Override
  public String hostAddress() {
    return network().getGateway();
  }

  private ContainerNetwork network() {
    return container.info().getNetworkSettings().getNetworks().values().stream()
        .findFirst()
        .orElseThrow(
            () ->
                new ProbeException(
                    "The probe container under " + runtime.id() + " has no network"));
  }

  @Override
  public String scratchDirectory() {
    return SCRATCH_DIRECTORY;
  }

  /**
   * Starts the command through a shell that records its pid and sends its output to a log file, so
   * that {@link ShellBackgroundCommand} can stop it and show what it printed.
   */
  @Override
  public synchronized BackgroundCommand start(List<String> command) {
    String base = SCRATCH_DIRECTORY + "/background-" + (started.size() + 1);
    String execId = createExec(ShellBackgroundCommand.wrapped(command, base), false);
    daemonCall(
        "exec start",
        command,
        () ->
            calls()
                .docker()
                .execStartCmd(execId)
                .withDetach(true)
                .exec(new ResultCallback.Adapter<>())
                .awaitCompletion());
    ShellBackgroundCommand background =
        new ShellBackgroundCommand(command, base, this::exec, "the " + runtime.id() + " sandbox");
    started.add(background);
    return background;
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    return exec(timeout, command, MarkedExecs.uniqueMarker());
  }

  /**
   * Runs {@code command} to its end, marked with {@code marker} so that it can be killed when it
   * outlives {@code timeout}; with a null marker it is not marked (the kill itself) and not killed.
   */
  private ExecResult exec(Duration timeout, List<String> command, String marker) {
    String execId =
        marker == null
            ? createExec(command, true)
            : createExec(command, true, MarkedExecs.EXEC_MARKER + "=" + marker);
    DockerClient client = calls().docker();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    ResultCallback.Adapter<Frame> callback =
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(Frame frame) {
            ByteArrayOutputStream target =
                switch (frame.getStreamType()) {
                  case STDERR -> stderr;
                  default -> stdout;
                };
            synchronized (target) {
              target.writeBytes(frame.getPayload());
            }
          }
        };
    // the stream is docker-java's own thread; waiting for it is bounded by the probe's timeout
    try (ResultCallback.Adapter<Frame> running = client.execStartCmd(execId).exec(callback)) {
      if (!running.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ProbeException(
            String.format(
                "%s did not finish within %s in the %s container; %s",
                String.join(" ", command),
                timeout,
                runtime.id(),
                marker == null ? "not killed" : killMarked(marker)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (marker != null) {
        killMarked(marker);
      }
      throw new ProbeException("Interrupted while running " + String.join(" ", command), e);
    } catch (IOException e) {
      throw new ProbeException("Cannot read the output of " + String.join(" ", command), e);
    } catch (RuntimeException e) {
      // the stream broke: say so plainly if it is because the daemon went away
      Optional<String> down =
          DaemonCalls.isConnectionFailure(e)
              ? Optional.of(DaemonCalls.rootMessage(e))
              : calls().daemonDown();
      if (down.isPresent()) {
        throw new ProbeException(
            calls()
                .daemonDownMessage(
                    "exec of '" + String.join(" ", command) + "' in container " + container.name(),
                    down.get()),
            e);
      }
      throw e;
    }
    Long exitCode =
        daemonCall(
            "exec inspect", command, () -> client.inspectExecCmd(execId).exec().getExitCodeLong());
    return new ExecResult(
        command,
        exitCode == null ? -1 : exitCode.intValue(),
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }

  private String killMarked(String marker) {
    return MarkedExecs.killMarked(
        (timeout, command) -> exec(timeout, command, null), marker, DaemonCalls::rootMessage);
  }

  private String createExec(List<String> command, boolean attach, String... environment) {
    return daemonCall(
        "exec create",
        command,
        () ->
            calls()
                .docker()
                .execCreateCmd(container.id())
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(attach)
                .withAttachStderr(attach)
                .withEnv(List.of(environment))
                .exec()
                .getId());
  }

  private DaemonCalls calls() {
    return container.calls();
  }

  /**
   * One bounded call for {@code command}; a call that does not return in time or cannot reach the
   * daemon fails naming the runtime, the phase, the time and whether the daemon still answers.
   */
  private <T> T daemonCall(
      String phase, List<String> command, java.util.concurrent.Callable<T> call) {
    String what =
        phase + " of '" + String.join(" ", command) + "' in container " + container.name();
    try {
      return calls().call(what, call);
    } catch (DaemonCallTimeout e) {
      Optional<String> down = calls().daemonDown();
      throw new ProbeException(
          down.isPresent()
              ? calls().daemonDownMessage(what, down.get())
              : String.format(
                  "Runtime %s hangs: the %s did not return within %s; the daemon itself answers"
                      + "%nReproduce with: docker run --rm --runtime %s %s %s",
                  runtime,
                  what,
                  DaemonCallTimeout.format(e.limit()),
                  runtime.dockerName().orElseThrow(),
                  image,
                  String.join(" ", command)),
          e);
    } catch (RuntimeException e) {
      if (DaemonCalls.isConnectionFailure(e)) {
        throw new ProbeException(calls().daemonDownMessage(what, DaemonCalls.rootMessage(e)), e);
      }
      throw e;
    }
  }

  /** The Docker container id, for tests and diagnostics. */
  String containerId() {
    return container.id();
  }

  @Override
  public void close() {
    ContainerLauncher launched;
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
      container.close();
    }
  }
}
