package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.RuntimeUnderTest;
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

/** A real context with what a test overrides changed: everything else goes to {@code delegate}. */
class ForwardingProbeContext implements ProbeContext {

  private final ProbeContext delegate;

  ForwardingProbeContext(ProbeContext delegate) {
    this.delegate = delegate;
  }

  @Override
  public RuntimeUnderTest runtime() {
    return delegate.runtime();
  }

  @Override
  public String networkMode() {
    return delegate.networkMode();
  }

  @Override
  public String probeBinary() {
    return delegate.probeBinary();
  }

  @Override
  public String image() {
    return delegate.image();
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    return delegate.exec(timeout, command);
  }

  @Override
  public BackgroundCommand start(List<String> command) {
    return delegate.start(command);
  }

  @Override
  public ExecResult execOnHost(Duration timeout, List<String> command) {
    return delegate.execOnHost(timeout, command);
  }

  @Override
  public HostBackgroundCommand startOnHost(List<String> command) {
    return delegate.startOnHost(command);
  }

  @Override
  public Path hostScratchDirectory() {
    return delegate.hostScratchDirectory();
  }

  @Override
  public String sandboxAddress() {
    return delegate.sandboxAddress();
  }

  @Override
  public String hostAddress() {
    return delegate.hostAddress();
  }

  @Override
  public String scratchDirectory() {
    return delegate.scratchDirectory();
  }

  @Override
  public void writeFile(String path, String content) {
    delegate.writeFile(path, content);
  }

  @Override
  public LaunchedSandbox launch(List<String> command, Duration timeout) {
    return delegate.launch(command, timeout);
  }

  @Override
  public Optional<ProcessMemory> memoryOf(HostProcess process) {
    return delegate.memoryOf(process);
  }
}
