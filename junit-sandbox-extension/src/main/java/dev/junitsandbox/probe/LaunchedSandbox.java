package dev.junitsandbox.probe;

import java.time.Duration;
import java.util.List;

/**
 * A further sandbox of the runtime under test, started by {@link ProbeContext#launch}: a container
 * of the probe image under the same runtime, or on {@link dev.junitsandbox.ContainerRuntime#HOST} a
 * child process of the JVM. Closing it removes it; whatever a probe leaves open is removed when the
 * probe's sandbox closes.
 *
 * <p>Methods may be called from several threads.
 */
public interface LaunchedSandbox extends AutoCloseable {

  /** The command it runs, as launched. */
  List<String> command();

  /** Who it is, for messages: the container's id, or {@code pid <n>} on the host. Never null. */
  String id();

  /**
   * Waits until its standard output or standard error holds a line equal to {@code line} (also if
   * the line came before this call) and returns how long the launch took up to that line.
   *
   * @throws ProbeException if it ends without printing the line, or the line does not come within
   *     {@code timeout}; the message shows what it printed
   */
  LaunchPhases awaitOutputLine(String line, Duration timeout);

  /**
   * How long the launch took up to {@code nanoTime}, an end point the probe observed itself: a
   * {@link System#nanoTime()} reading of this JVM, e.g. taken when a server on the host accepted a
   * connection from the sandbox. The phases are those of {@link #awaitOutputLine}, with the end
   * point in place of the line's arrival.
   *
   * @throws IllegalArgumentException if {@code nanoTime} is before the start call was sent (on the
   *     host: before the process was started)
   */
  LaunchPhases phasesUntil(long nanoTime);

  /** Whether its command is still running. */
  boolean isRunning();

  /** What it wrote to standard output and standard error so far, shortened, for error messages. */
  String output();

  /**
   * Its processes on the host, read from {@code /proc} now: in a container the containerd shim
   * whose command line names the container, then all the shim's descendants (parents before
   * children); in an Incus container the LXC monitor with the container's init and its descendants,
   * then the {@code incusd forkexec} helper that runs the command, with the command; on the host
   * the launched process and its descendants. Read their memory with {@link ProbeContext#memoryOf}.
   * The JVM must run on the sandbox's host, in its PID namespace.
   *
   * @throws ProbeException if the sandbox's processes cannot be found in the host's process table
   *     (for a container: no shim names it, e.g. when the daemon runs on another machine)
   */
  List<HostProcess> hostProcesses();

  /**
   * Removes the sandbox, killing its command if it still runs, and waits until it is gone. Does
   * nothing if it is removed already.
   *
   * @throws ProbeException if it cannot be removed; the message says how to remove it by hand
   */
  @Override
  void close();
}
