package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.internal.host.LaunchedProcess;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs probes as child processes of the JVM (through {@link HostCommand}): the {@code HOST}
 * baseline. A launched "sandbox" is a child process too. Closing it stops the background commands
 * and launched processes still running and removes its scratch directory.
 */
final class HostProbeContext implements ProbeContext, AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final Supplier<Path> probeBinary;
  private final Supplier<String> image;
  private final List<AutoCloseable> started = new ArrayList<>();
  private Path scratch;

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
  public synchronized BackgroundCommand start(List<String> command) {
    HostCommand background = HostCommand.start(command);
    started.add(background);
    return background;
  }

  @Override
  public synchronized LaunchedSandbox launch(List<String> command, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command must not be empty; e.g. List.of(\"true\")");
    }
    LaunchedProcess launched = LaunchedProcess.launch(command);
    started.add(launched);
    return launched;
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
  public synchronized String scratchDirectory() {
    if (scratch == null) {
      try {
        scratch = Files.createTempDirectory("junit-sandbox-host-");
        RunState.get().recordScratch(scratch); // removed by the next run if this JVM is killed
      } catch (IOException e) {
        throw new ProbeException("Cannot create a scratch directory on the host: " + e, e);
      }
    }
    return scratch.toString();
  }

  @Override
  public synchronized void close() {
    // both kinds stop their process tree and never throw
    for (AutoCloseable each : started) {
      try {
        each.close();
      } catch (Exception e) {
        // HostCommand.close never throws; nothing else is held here
      }
    }
    started.clear();
    if (scratch != null) {
      RunState.deleteRecursively(scratch);
      RunState.get().forgetScratch(scratch);
      scratch = null;
    }
  }

  /** Runs a host command with a deadline; see {@link HostCommand#run}. */
  static ExecResult run(Duration timeout, List<String> command) {
    return HostCommand.run(timeout, command);
  }
}
