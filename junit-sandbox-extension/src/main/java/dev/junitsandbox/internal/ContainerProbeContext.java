package dev.junitsandbox.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The probe container of one invocation, started under the invocation's Docker runtime. Probes run
 * in it through {@code docker exec}; closing it removes the container.
 */
final class ContainerProbeContext implements ProbeContext, AutoCloseable {

  static final String LABEL = "dev.junitsandbox";
  static final String PROBE_BINARY = "/usr/local/bin/sandbox-probe";
  private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

  private final RuntimeUnderTest runtime;
  private final GenericContainer<?> container;

  private ContainerProbeContext(RuntimeUnderTest runtime, GenericContainer<?> container) {
    this.runtime = runtime;
    this.container = container;
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
            .withCommand("sleep", "infinity")
            .withLabel(LABEL, "probe")
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
    return new ContainerProbeContext(runtime, container);
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
    container.close();
  }
}
