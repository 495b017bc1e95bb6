package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.internal.tooloutput.ToolNumbers;
import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Plumbing the built-in probes share: checked commands, free ports, waiting for servers. */
final class Workloads {

  private Workloads() {}

  /**
   * Returns {@code result} if the command succeeded.
   *
   * @throws ProbeException naming {@code where}, the command, its exit status and its stderr
   */
  static ExecResult requireSuccess(String where, ExecResult result) {
    if (!result.succeeded()) {
      throw new ProbeException(
          String.format(
              "%s failed: %s exited with status %d%nstdout: %s%nstderr: %s",
              where,
              String.join(" ", result.command()),
              result.exitCode(),
              tail(result.stdout()),
              tail(result.stderr())));
    }
    return result;
  }

  /** Runs {@code command} in the sandbox and requires it to succeed. */
  static ExecResult execChecked(
      ProbeContext context, String where, Duration timeout, List<String> command) {
    return requireSuccess(where, context.exec(timeout, command));
  }

  /** The last lines of a tool's output: enough to see the error, not the whole log. */
  static String tail(String output) {
    return ToolOutput.tail(output);
  }

  /**
   * A TCP port free on the host's loopback interface right now, for servers of the HOST baseline.
   */
  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ProbeException("Cannot find a free port on 127.0.0.1: " + e, e);
    }
  }

  /**
   * Waits until {@code host:port} accepts TCP connections.
   *
   * @throws ProbeException if it does not within {@code timeout}, or {@code server} ended first;
   *     the message holds what the server printed
   */
  static void awaitTcpPort(String host, int port, Duration timeout, BackgroundCommand server) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1_000);
        return;
      } catch (IOException notYet) {
        if (!server.isRunning()) {
          throw new ProbeException(
              String.format(
                  "%s ended before it listened on %s:%d; it printed:%n%s",
                  server, host, port, tail(server.output())));
        }
        sleep(Duration.ofMillis(100));
      }
    }
    throw new ProbeException(
        String.format(
            "%s did not listen on %s:%d within %s; it printed:%n%s",
            server, host, port, timeout, tail(server.output())));
  }

  /**
   * Records one latency of {@code where}'s measurement.
   *
   * @param what the value, for the message, e.g. {@code "latency per call of sample 3"}
   * @throws ProbeException naming the probe, the value and the range if it is negative or beyond
   *     the hour a measurement holds (HdrHistogram would throw an IndexOutOfBoundsException)
   */
  static void recordNanos(Histogram histogram, String where, String what, long nanos) {
    if (nanos < 0 || nanos > Measurement.HIGHEST_TRACKABLE_NANOS) {
      throw new ProbeException(
          String.format(
              "%s: cannot record %s of %d ns; a measurement holds %s",
              where, what, nanos, ToolNumbers.NANOS_RANGE));
    }
    histogram.recordValue(nanos);
  }

  /** {@link #recordNanos(Histogram, String, String, long)} for a measured duration. */
  static void recordNanos(Histogram histogram, String where, String what, Duration duration) {
    // Duration.toNanos() throws ArithmeticException beyond 292 years; out of range either way
    boolean inRange =
        !duration.isNegative()
            && duration.compareTo(Duration.ofNanos(Measurement.HIGHEST_TRACKABLE_NANOS)) <= 0;
    if (!inRange) {
      throw new ProbeException(
          String.format(
              "%s: cannot record %s of %s; a measurement holds %s",
              where, what, duration, ToolNumbers.NANOS_RANGE));
    }
    histogram.recordValue(duration.toNanos());
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted", e);
    }
  }
}
