package dev.junitsandbox.internal.docker;

import dev.junitsandbox.internal.host.HostProcesses;
import dev.junitsandbox.internal.host.LaunchTimeline;
import dev.junitsandbox.internal.host.OutputLines;
import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.HostProcess;
import dev.junitsandbox.probe.LaunchPhases;
import dev.junitsandbox.probe.LaunchedSandbox;
import dev.junitsandbox.probe.ProbeException;
import java.time.Duration;
import java.util.List;

/** A container started by {@link ContainerLauncher}; closing it removes it. */
final class LaunchedContainer implements LaunchedSandbox {

  private final ContainerLauncher launcher;
  private final String id;
  private final String name;
  private final List<String> command;
  private final OutputLines output;
  private final OutputAttachment attachment;
  private final LaunchTimeline timeline;

  LaunchedContainer(
      ContainerLauncher launcher,
      String id,
      String name,
      List<String> command,
      OutputLines output,
      OutputAttachment attachment,
      LaunchTimeline timeline) {
    this.launcher = launcher;
    this.id = id;
    this.name = name;
    this.command = List.copyOf(command);
    this.output = output;
    this.attachment = attachment;
    this.timeline = timeline;
  }

  @Override
  public List<String> command() {
    return command;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public LaunchPhases awaitOutputLine(String line, Duration timeout) {
    return timeline.phasesUntil(output.awaitLine(line, timeout, "container " + id));
  }

  @Override
  public LaunchPhases phasesUntil(long nanoTime) {
    return timeline.phasesUntil(nanoTime);
  }

  @Override
  public boolean isRunning() {
    DaemonCalls calls = launcher.calls();
    return Boolean.TRUE.equals(
        calls
            .call(
                "inspection of container " + name,
                () -> calls.docker().inspectContainerCmd(id).exec())
            .getState()
            .getRunning());
  }

  @Override
  public String output() {
    return ToolOutput.tail(output.text());
  }

  @Override
  public List<HostProcess> hostProcesses() {
    return HostProcesses.read(HostProcesses.PROC).sandboxOf(id);
  }

  @Override
  public void close() {
    attachment.close();
    RuntimeException notRemoved = launcher.removeQuietly(id);
    if (notRemoved != null) {
      throw new ProbeException(
          String.format(
              "Cannot remove container %s (%s): %s; remove it with docker rm -f %s",
              name, id, notRemoved.getMessage(), id),
          notRemoved);
    }
    launcher.forget(this);
  }

  /** Closes it, for a launch that was given up on: the caller reports that failure instead. */
  void closeQuietly() {
    try {
      close();
    } catch (RuntimeException ignored) {
      // the caller removes the container by name again and reports what is left
    }
  }

  @Override
  public String toString() {
    return "container " + name + " (" + String.join(" ", command) + ")";
  }
}
