package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.HostBackgroundCommand;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProcessMemory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a probe's commands as real host processes with a scratch directory the test owns, so a test
 * can look at what the probe left there. Only what file-based probes use is supported, and a probe
 * binary the test supplies (a script that prints what a real tool could print).
 */
final class LocalProbeContext implements ProbeContext {

  private final Path scratch;
  private final Path probeBinary; // null: none supplied

  LocalProbeContext(Path scratch) {
    this(scratch, null);
  }

  LocalProbeContext(Path scratch, Path probeBinary) {
    this.scratch = scratch;
    this.probeBinary = probeBinary;
  }

  @Override
  public RuntimeUnderTest runtime() {
    return RuntimeUnderTest.host();
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    return HostCommand.run(timeout, command);
  }

  @Override
  public String scratchDirectory() {
    return scratch.toString();
  }

  @Override
  public String probeBinary() {
    if (probeBinary == null) {
      throw new UnsupportedOperationException("not needed by file-based probes");
    }
    return probeBinary.toString();
  }

  @Override
  public String image() {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public BackgroundCommand start(List<String> command) {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public Optional<ProcessMemory> memoryOf(HostProcess process) {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public ExecResult execOnHost(Duration timeout, List<String> command) {
    return exec(timeout, command);
  }

  @Override
  public HostBackgroundCommand startOnHost(List<String> command) {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public Path hostScratchDirectory() {
    return scratch;
  }

  @Override
  public String sandboxAddress() {
    return "127.0.0.1";
  }

  @Override
  public String hostAddress() {
    return "127.0.0.1";
  }
}
