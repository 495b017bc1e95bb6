package dev.junitsandbox.fidelity;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a person does at the shell for the startup and footprint benches: bash scripts with the
 * docker CLI and coreutils, run with a deadline, their output parsed by the bench itself.
 *
 * <p>It runs them with a plain {@link ProcessBuilder}, not the library's host-process runner
 * ({@code dev.junitsandbox.internal.host.HostCommand}): this is the by-hand side of a fidelity
 * comparison, so it must not share code with the side it checks (a fault in that runner would then
 * show on both sides and cancel out), and example-tests use only the exported API.
 */
final class ByHand {

  private ByHand() {}

  /**
   * The probe image's tag as {@code runtimes/setup.sh} computes it: sha256 over each file of {@code
   * runtimes/probe/} (its name, a NUL byte, its content) in name order, first 12 hex digits.
   */
  static String probeImage() {
    return bash(
            Duration.ofSeconds(30),
            "cd ../runtimes/probe && for f in $(LC_ALL=C ls); do printf '%s\\0' \"$f\"; cat \"$f\";"
                + " done | sha256sum | cut -c1-12 | sed 's|^|junit-sandbox/probe:|'")
        .strip();
  }

  /**
   * Runs {@code script} with bash, {@code arguments} as $1, $2, ...; returns its standard output.
   *
   * @throws IllegalStateException if it fails or does not finish within {@code timeout} (it is then
   *     killed; scripts remove their containers in an EXIT trap, callers again afterwards)
   */
  static String bash(Duration timeout, String script, String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", script, "bash"));
    command.addAll(List.of(arguments));
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("by-hand-", ".out");
      stderr = Files.createTempFile("by-hand-", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        throw new IllegalStateException(
            "by hand: did not finish within " + timeout + ": " + script);
      }
      String out = Files.readString(stdout, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.format(
                "by hand: exit status %d%nscript: %s%nstdout: %s%nstderr: %s",
                process.exitValue(), script, out, Files.readString(stderr)));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("by hand: cannot run bash: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("by hand: interrupted", e);
    } finally {
      for (Path file : new Path[] {stdout, stderr}) {
        if (file != null) {
          file.toFile().delete();
        }
      }
    }
  }

  /**
   * The p50 of {@code values} by nearest rank (the ceil(n/2)-th smallest), as HdrHistogram counts
   * it for the probe's p50.
   */
  static double p50(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((sorted.size() + 1) / 2 - 1);
  }

  /** Removes the containers whose names start with {@code prefix}, whatever state they are in. */
  static void removeContainersNamed(String prefix) {
    bash(
        Duration.ofMinutes(2),
        "ids=$(docker ps -aq --filter label=dev.junitsandbox=probe --filter \"name=^$1\");"
            + " [ -z \"$ids\" ] || docker rm -f $ids >/dev/null",
        prefix);
  }
}
