package dev.junitsandbox.internal.host;

import dev.junitsandbox.internal.tooloutput.ToolOutput;
import dev.junitsandbox.probe.ProbeException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A server process on the host that a client in the sandbox connects to, e.g. {@code iperf3 -s}.
 * {@link ProbeContext#execOnHost} blocks until its command ends, so servers on the host need this
 * handle instead. Closing it kills the process (and anything it forked) and removes its output
 * files; it never throws.
 */
public final class HostServer implements AutoCloseable {

  private final List<String> command;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private HostServer(List<String> command, Process process, Path stdout, Path stderr) {
    this.command = List.copyOf(command);
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code command} on the host with its output going to temporary files.
   *
   * @throws ProbeException if it cannot be started
   */
  public static HostServer start(List<String> command) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("junit-sandbox-server-", ".out");
      err = Files.createTempFile("junit-sandbox-server-", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      return new HostServer(command, process, out, err);
    } catch (IOException e) {
      deleteQuietly(out);
      deleteQuietly(err);
      throw new ProbeException(
          "Cannot start " + String.join(" ", command) + " on the host: " + e, e);
    }
  }

  /**
   * Waits until a socket on the host listens on TCP {@code port}, looking at {@code /proc/net/tcp}
   * rather than connecting: a test connection would count as a client for one-off servers such as
   * {@code iperf3 -s -1}.
   *
   * @throws ProbeException if the server ends first or does not listen within {@code timeout}
   */
  public void awaitListening(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String portHex = String.format(Locale.ROOT, ":%04X", port);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new ProbeException(
            String.format(
                "%s ended before it listened on port %d (exit status %d); it printed:%n%s",
                this, port, process.exitValue(), output()));
      }
      if (listening(portHex, Path.of("/proc/net/tcp"))
          || listening(portHex, Path.of("/proc/net/tcp6"))) {
        return;
      }
      pause(Duration.ofMillis(50));
    }
    throw new ProbeException(
        String.format(
            "%s did not listen on port %d within %s; it printed:%n%s",
            this, port, timeout, output()));
  }

  private static boolean listening(String portHex, Path table) {
    try {
      for (String line : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
        String[] fields = line.trim().split("\\s+");
        // fields: sl local_address rem_address st ...; st 0A is LISTEN
        if (fields.length > 3 && fields[1].endsWith(portHex) && fields[3].equals("0A")) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Waits up to {@code timeout} for the server to end by itself; whether it did. */
  public boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted while waiting for " + this, e);
    }
  }

  /** What it wrote to standard output so far. */
  public String stdout() {
    return read(stdout);
  }

  /** Standard output and standard error so far, shortened, for error messages. */
  public String output() {
    return ToolOutput.tail(read(stdout) + "\n" + read(stderr));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (Exception stillRunning) {
        handle.destroyForcibly();
      }
    }
    deleteQuietly(stdout);
    deleteQuietly(stderr);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temporary file must not hide the probe's own outcome
      }
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command) + " on the host";
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted while waiting for a host server", e);
    }
  }
}
