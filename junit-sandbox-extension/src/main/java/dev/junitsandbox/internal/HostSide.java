package dev.junitsandbox.internal;

import dev.junitsandbox.internal.host.HostCommand;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one probe context holds on the host, whatever its runtime: the processes a probe started
 * there and its host scratch directory. Both {@code ProbeContext} implementations keep one, so
 * {@code startOnHost} and {@code hostScratchDirectory} behave the same in a container and on the
 * host. Closing it stops the processes (each with its process tree; never throws) and removes the
 * directory.
 */
final class HostSide implements AutoCloseable {

  private final List<AutoCloseable> started = new ArrayList<>();
  private Path scratch;

  /**
   * Starts {@code command} on the host, its output in files apart; stopped at {@link #close()}.
   *
   * @throws IllegalArgumentException if {@code command} is empty
   */
  synchronized HostCommand start(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException(
          "command must not be empty; e.g. List.of(\"iperf3\", \"-s\", \"-1\")");
    }
    return keep(HostCommand.start(command));
  }

  /** Keeps {@code process} to close it at {@link #close()}, unless closed before. */
  synchronized <T extends AutoCloseable> T keep(T process) {
    started.add(process);
    return process;
  }

  /**
   * The scratch directory, made on first use: owner-only ({@link Files#createTempDirectory} makes
   * it so) and recorded in the {@link RunState}, so the next run removes it if this JVM is killed.
   */
  synchronized Path scratchDirectory() {
    if (scratch == null) {
      try {
        scratch = Files.createTempDirectory("junit-sandbox-host-");
        RunState.get().recordScratch(scratch);
      } catch (IOException e) {
        throw new ProbeException(
            "Cannot create a scratch directory on the host in "
                + System.getProperty("java.io.tmpdir")
                + ": "
                + e
                + "; point java.io.tmpdir at a writable directory",
            e);
      }
    }
    return scratch;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable each : started) {
      try {
        each.close();
      } catch (Exception e) {
        // host commands and launched processes stop their process tree and never throw
      }
    }
    started.clear();
    if (scratch != null) {
      RunState.deleteRecursively(scratch);
      RunState.get().forgetScratch(scratch);
      scratch = null;
    }
  }
}
