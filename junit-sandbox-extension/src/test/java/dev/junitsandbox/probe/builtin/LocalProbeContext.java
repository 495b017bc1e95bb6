package dev.junitsandbox.probe.builtin;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a probe's commands as real host processes with a scratch directory the test owns, so a test
 * can look at what the probe left there. Only what file-based probes use is supported.
 */
final class LocalProbeContext implements ProbeContext {

  private final Path scratch;

  LocalProbeContext(Path scratch) {
    this.scratch = scratch;
  }

  @Override
  public RuntimeUnderTest runtime() {
    return RuntimeUnderTest.host();
  }

  @Override
  public ExecResult exec(Duration timeout, List<String> command) {
    try {
      Path out = Files.createTempFile("local-probe-", ".out");
      Path err = Files.createTempFile("local-probe-", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new ProbeException(String.join(" ", command) + " did not finish in " + timeout);
        }
        return new ExecResult(
            command,
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new ProbeException("Cannot run " + command + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProbeException("Interrupted", e);
    }
  }

  @Override
  public String scratchDirectory() {
    return scratch.toString();
  }

  @Override
  public String probeBinary() {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public String image() {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public BackgroundCommand start(List<String> command) {
    throw new UnsupportedOperationException("not needed by file-based probes");
  }

  @Override
  public ExecResult execOnHost(Duration timeout, List<String> command) {
    return exec(timeout, command);
  }

  @Override
  public String sandboxAddress() {
    return "127.0.0.1";
  }

  @Override
  public String hostAddress() {
    return "127.0.0.1";
  }
}
