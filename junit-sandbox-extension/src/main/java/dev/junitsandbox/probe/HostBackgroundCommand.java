package dev.junitsandbox.probe;

import java.time.Duration;

/**
 * A command running on the host in the background, started by {@link ProbeContext#startOnHost}: the
 * server side of a measurement whose client runs in the sandbox (an {@code iperf3 -s} the sandbox
 * connects to). It runs as a child process of the JVM with standard input from {@code /dev/null}
 * and standard output and standard error kept apart, whatever the runtime under test.
 *
 * <p>{@link #close()} stops it and everything it forked: SIGTERM to the whole process tree, then
 * SIGKILL to what is still running after a grace period of 10 seconds, and waits for them to end.
 * Whatever a probe leaves running is stopped when the probe's sandbox closes, and nothing outlives
 * the JVM (a run killed with {@code kill -9} has it removed by the next run). What it printed stays
 * readable after it is closed.
 *
 * <p>Methods may be called from several threads.
 */
public interface HostBackgroundCommand extends BackgroundCommand {

  /** What it wrote to standard output so far (all of it once it has ended). Never null. */
  String stdout();

  /** What it wrote to standard error so far (all of it once it has ended). Never null. */
  String stderr();

  /**
   * Waits up to {@code timeout} for the command to end by itself, without stopping it.
   *
   * @return whether it has ended
   * @throws ProbeException if the waiting thread is interrupted
   */
  boolean awaitExit(Duration timeout);

  /**
   * Waits until a socket on the host listens on TCP {@code port} (IPv4 or IPv6), looking at the
   * kernel's socket tables rather than connecting: a test connection would count as the one client
   * of a one-off server such as {@code iperf3 -s -1}.
   *
   * @throws ProbeException if the command ends first or nothing listens within {@code timeout}; the
   *     message shows what it printed
   */
  void awaitListening(int port, Duration timeout);
}
