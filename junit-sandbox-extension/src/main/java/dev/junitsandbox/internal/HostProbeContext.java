package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.BackgroundCommand;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs probes as child processes of the JVM: the {@code HOST} baseline. Closing it stops the
 * background commands it started and removes its scratch directory.
 */
final class HostProbeContext implements ProbeContext, AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final Supplier<Path> probeBinary;
  private final Supplier<String> image;
  private final List<HostBackgroundCommand> started = new ArrayList<>();
  private Path scratch;

  /**
   * @param probeBinary the host copy of the probe image's binary, extracted on first use
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
    return run(timeout, command);
  }

  @Override
  public ExecResult execOnHost(Duration timeout, List<String> command) {
    return run(timeout, command);
  }

  @Override
  public synchronized BackgroundCommand start(List<String> command) {
    Path log = Path.of(scratchDirectory()).resolve("background-" + (started.size() + 1) + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      HostBackgroundCommand background = new HostBackgroundCommand(command, process, log);
      started.add(background);
      return background;
    } catch (IOException e) {
      throw new ProbeException(
          "Cannot start " + String.join(" ", command) + " on the host: " + e, e);
    }
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
      } catch (IOException e) {
        throw new ProbeException("Cannot create a scratch directory on the host: " + e, e);
      }
    }
    return scratch.toString();
  }

  @Override
  public synchronized void close() {
    started.forEach(HostBackgroundCommand::close);
    started.clear();
    if (scratch != null) {
      deleteRecursively(scratch);
      scratch = null;
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(HostProbeContext::deleteQuietly);
    } catch (IOException ignored) {
      // a leftover temporary directory must not hide the test's own outcome
    }
  }

  /** A host process and everything it forked (nginx's workers), stopped together. */
  private record HostBackgroundCommand(List<String> command, Process process, Path log)
      implements BackgroundCommand {

    @Override
    public boolean isRunning() {
      return process.isAlive();
    }

    @Override
    public String output() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e + ")";
      }
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " on the host";
    }

    @Override
    public void close() {
      List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
      tree.add(process.toHandle());
      tree.forEach(ProcessHandle::destroy);
      for (ProcessHandle handle : tree) {
        try {
          handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception stillRunning) {
          handle.destroyForcibly();
        }
      }
    }
  }

  /** Runs a host command with a deadline; output goes to files so no pipe can fill and block. */
  static ExecResult run(Duration timeout, List<String> command) {
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("junit-sandbox-", ".out");
      stderr = Files.createTempFile("junit-sandbox-", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new ProbeException(
            String.format(
                "%s did not finish within %s on the host and was killed",
                String.join(" ", command), timeout));
      }
      return new ExecResult(
          command,
          process.exitValue(),
          Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ProbeException("Cannot run " + String.join(" ", command) + " on the host: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
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
}
