package dev.junitsandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Frame;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.docker.ContainerLauncher;
import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The probe container of one invocation, started under the invocation's Docker runtime. Probes run
 * in it through {@code docker exec} and launch further containers of the same runtime through a
 * {@link ContainerLauncher}; closing it removes the container and everything launched.
 */
final class ContainerProbeContext implements ProbeContext, AutoCloseable {

  static final String LABEL = "dev.junitsandbox";
  static final String PROBE_BINARY = "/usr/local/bin/sandbox-probe";
  // not /tmp: gVisor mounts a tmpfs there, which would turn file I/O probes into memory probes
  static final String SCRATCH_DIRECTORY = "/var/tmp/junit-sandbox";
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

  private final RuntimeUnderTest runtime;
  private final GenericContainer<?> container;
  private final String image;
  private final List<ContainerBackgroundCommand> started = new ArrayList<>();
  private ContainerLauncher launcher;

  private ContainerProbeContext(
      RuntimeUnderTest runtime, GenericContainer<?> container, String image) {
    this.runtime = runtime;
    this.container = container;
    this.image = image;
  }

  /**
   * Starts the probe image under {@code runtime}.
   *
   * @throws ProbeException naming the runtime and the command that reproduces the failure
   */
  @SuppressWarnings("resource") // closed by the returned context
  static ContainerProbeContext start(RuntimeUnderTest runtime, String image) {
    String dockerName = runtime.dockerName().orElseThrow();
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withCommand("sh", "-c", "mkdir -p " + SCRATCH_DIRECTORY + " && exec sleep infinity")
            .withLabel(LABEL, "probe")
            .withLabels(RunIdentity.current().labels()) // run id, owner: see Leftovers
            .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withRuntime(dockerName))
            .withStartupAttempts(1)
            .withStartupTimeout(STARTUP_TIMEOUT);
    try {
      container.start();
    } catch (RuntimeException e) {
      container.close();
      throw new ProbeException(
          String.format(
              "Cannot start the probe container under runtime %s: %s%nReproduce with: docker run"
                  + " --rm --runtime %s %s true",
              runtime, rootMessage(e), dockerName, image),
          e);
    }
    return new ContainerProbeContext(runtime, container, image);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e
        ? String.valueOf(e.getMessage())
        : e.getMessage() + " (cause: " + root.getMessage() + ")";
  }

  @Override
  public RuntimeUnderTest runtime() {
    return runtime;
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
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    return launcher().launch(command, timeout);
  }

  private synchronized ContainerLauncher launcher() {
    if (launcher == null) {
      launcher = ContainerLauncher.of(image, runtime.dockerName().orElseThrow());
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
    return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
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
   * that {@link ContainerBackgroundCommand} can stop it and show what it printed.
   */
  @Override
  public synchronized BackgroundCommand start(List<String> command) {
    String base = SCRATCH_DIRECTORY + "/background-" + (started.size() + 1);
    List<String> wrapped = new ArrayList<>();
    wrapped.addAll(
        List.of("sh", "-c", "echo $$ > \"$0.pid\" && exec \"$@\" > \"$0.log\" 2>&1", base));
    wrapped.addAll(command);
    DockerClient client = DockerClientFactory.instance().client();
    String execId =
        client
            .execCreateCmd(container.getContainerId())
            .withCmd(wrapped.toArray(String[]::new))
            .exec()
            .getId();
    try {
      client
          .execStartCmd(execId)
          .withDetach(true)
          .exec(new ResultCallback.Adapter<>())
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted while starting " + String.join(" ", command), e);
    }
    ContainerBackgroundCommand background = new ContainerBackgroundCommand(command, base);
    started.add(background);
    return background;
  }

  /** A command started by {@link #start}, known by its pid and log files in the container. */
  private final class ContainerBackgroundCommand implements BackgroundCommand {

    private final List<String> command;
    private final String base;

    ContainerBackgroundCommand(List<String> command, String base) {
      this.command = List.copyOf(command);
      this.base = base;
    }

    @Override
    public List<String> command() {
      return command;
    }

    @Override
    public boolean isRunning() {
      return shell("test -f \"$0.pid\" && kill -0 \"$(cat \"$0.pid\")\"").succeeded();
    }

    @Override
    public String output() {
      return shell("cat \"$0.log\" 2>/dev/null").stdout();
    }

    @Override
    public void close() {
      try {
        // the pid file may lag a just-started command; TERM, then KILL after 10 s
        shell(
            "for i in $(seq 50); do test -s \"$0.pid\" && break; sleep 0.1; done;"
                + " pid=$(cat \"$0.pid\" 2>/dev/null) || exit 0; kill \"$pid\" 2>/dev/null;"
                + " for i in $(seq 100); do kill -0 \"$pid\" 2>/dev/null || exit 0; sleep 0.1;"
                + " done; kill -9 \"$pid\"");
      } catch (RuntimeException e) {
        // the container is removed at the end of the invocation anyway
      }
    }

    private ExecResult shell(String script) {
      return exec(CONTROL_TIMEOUT, List.of("sh", "-c", script, base));
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " in the " + runtime.id() + " sandbox";
    }
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    DockerClient client = DockerClientFactory.instance().client();
    String execId =
        client
            .execCreateCmd(container.getContainerId())
            .withCmd(command.toArray(String[]::new))
            .withAttachStdout(true)
            .withAttachStderr(true)
            .exec()
            .getId();
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
    try (ResultCallback.Adapter<Frame> running = client.execStartCmd(execId).exec(callback)) {
      if (!running.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ProbeException(
            String.format(
                "%s did not finish within %s in the %s container (it ends when the container is"
                    + " removed)",
                String.join(" ", command), timeout, runtime.id()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted while running " + String.join(" ", command), e);
    } catch (IOException e) {
      throw new ProbeException("Cannot read the output of " + String.join(" ", command), e);
    }
    Long exitCode = client.inspectExecCmd(execId).exec().getExitCodeLong();
    return new ExecResult(
        command,
        exitCode == null ? -1 : exitCode.intValue(),
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8));
  }

  /** The Docker container id, for tests and diagnostics. */
  String containerId() {
    return container.getContainerId();
  }

  @Override
  public void close() {
    ContainerLauncher launched;
    // stopping each command first lets servers shut down cleanly; removal would end them anyway
    synchronized (this) {
      started.forEach(ContainerBackgroundCommand::close);
      started.clear();
      launched = launcher;
      launcher = null;
    }
    try {
      if (launched != null) {
        launched.close();
      }
    } finally {
      container.close();
    }
  }
}
