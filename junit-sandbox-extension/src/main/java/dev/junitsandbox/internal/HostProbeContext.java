package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.internal.host.LaunchedProcess;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProcessMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs probes as child processes of the JVM (through {@link HostCommand}): the {@code HOST}
 * baseline. A launched "sandbox" is a child process too, and the sandbox's scratch directory is the
 * host scratch directory. Closing it stops the background commands and launched processes still
 * running and removes the scratch directory.
 */
final class HostProbeContext implements SandboxContext {

  private static final String LOOPBACK = "127.0.0.1";

  private final Supplier<Path> probeBinary;
  private final Supplier<String> image;
  private final HostSide host = new HostSide();

  /**
   * @param probeBinary the probe binary built for the host ({@link HostProbeBinary}), made on first
   *     use
   * @param image the probe image's tag, built on first use
   */
  HostProbeContext(Supplier<Path> probeBinary, Supplier<String> image) {
    this.probeBinary = probeBinary;
    this.image = image;
  }

  @Override
  public RuntimeUnderTest runtime() {
    return RuntimeUnderTest.host();
  }

  @Override
  public String probeBinary() {
    return probeBinary.get().toString();
  }

  @Override
  public String image() {
    return image.get();
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    return HostCommand.run(timeout, command);
  }

  @Override
  public ExecResult execOnHost(Duration timeout, List<String> command) {
    return HostCommand.run(timeout, command);
  }

  @Override
  public BackgroundCommand start(List<String> command) {
    return host.start(command);
  }

  @Override
  public HostBackgroundCommand startOnHost(List<String> command) {
    return host.start(command);
  }

  @Override
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty; e.g. List.of(\"true\")");
    }
    return host.keep(LaunchedProcess.launch(command));
  }

  @Override
  public Optional<ProcessMemory> memoryOf(HostProcess process) {
    return HostProcesses.readMemory(process);
  }

  @Override
  public String sandboxAddress() {
    return LOOPBACK;
  }

  @Override
  public String hostAddress() {
    return LOOPBACK;
  }

  @Override
  public String scratchDirectory() {
    return host.scratchDirectory().toString();
  }

  @Override
  public Path hostScratchDirectory() {
    return host.scratchDirectory();
  }

  @Override
  public void close() {
    host.close();
  }

  /** Runs a host command with a deadline; see {@link HostCommand#run}. */
  static ExecResult run(Duration timeout, List<String> command) {
    return HostCommand.run(timeout, command);
  }
}
