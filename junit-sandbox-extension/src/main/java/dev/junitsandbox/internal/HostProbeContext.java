package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.probe.ExecResult;
import dev.junitsandbox.probe.ProbeContext;
import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs probes as child processes of the JVM: the {@code HOST} baseline. */
final class HostProbeContext implements ProbeContext {

  private final Supplier<Path> probeBinary;

  /**
   * @param probeBinary the host copy of the probe image's binary, extracted on first use
   */
  HostProbeContext(Supplier<Path> probeBinary) {
    this.probeBinary = probeBinary;
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
  public ExecResult exec(Duration timeout, List<String> command) {
    return run(timeout, command);
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
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
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
