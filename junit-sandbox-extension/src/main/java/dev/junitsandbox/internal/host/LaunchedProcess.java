package dev.junitsandbox.internal.host;

import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchPhases;
import dev.junitsandbox.probe.LaunchedSandbox;
import java.time.Duration;
import java.util.List;

/**
 * A "sandbox" launched on the host: a child process of the JVM, its output followed as it arrives.
 * The floor of process creation from a JVM, what any runtime adds to launching a program.
 */
public final class LaunchedProcess implements LaunchedSandbox {

  private final HostCommand process;
  private final OutputLines output;
  private final LaunchTimeline timeline;

  private LaunchedProcess(HostCommand process, OutputLines output, LaunchTimeline timeline) {
    this.process = process;
    this.output = output;
    this.timeline = timeline;
  }

  /**
   * Starts {@code command}; the timed region is {@code ProcessBuilder.start()}.
   *
   * @throws dev.junitsandbox.probe.ProbeException if it cannot be started
   */
  public static LaunchedProcess launch(List<String> command) {
    OutputLines output = new OutputLines();
    long begin = System.nanoTime();
    HostCommand process = HostCommand.startFollowed(command, output);
    long started = System.nanoTime();
    return new LaunchedProcess(process, output, LaunchTimeline.ofProcess(begin, started));
  }

  @Override
  public List<String> command() {
    return process.command();
  }

  @Override
  public String id() {
    return "pid " + process.pid();
  }

  @Override
  public LaunchPhases awaitOutputLine(String line, Duration timeout) {
    return timeline.phasesUntil(output.awaitLine(line, timeout, toString()));
  }

  @Override
  public LaunchPhases phasesUntil(long nanoTime) {
    return timeline.phasesUntil(nanoTime);
  }

  @Override
  public boolean isRunning() {
    return process.isRunning();
  }

  @Override
  public String output() {
    return ToolOutput.tail(output.text());
  }

  @Override
  public List<HostProcess> hostProcesses() {
    return HostProcesses.read(HostProcesses.PROC).processTree(process.pid());
  }

  @Override
  public void close() {
    process.close();
  }

  @Override
  public String toString() {
    return "'" + String.join(" ", command()) + "' (" + id() + ") on the host";
  }
}
