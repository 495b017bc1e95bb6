package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.EngineRunInChildJvm.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HOST baseline with the Docker daemon down, for real: a child JVM whose {@code DOCKER_HOST}
 * names a socket nobody listens on (the machine's own daemon keeps running for everyone else), and
 * whose cache directory is new, so the HOST probe binary is made in that run, without Docker.
 */
class HostWithoutDockerTests {

  private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path scratch;

  private List<Outcome> runWithoutDaemon(
      Map<String, String> environment, Map<String, String> configuration)
      throws IOException, InterruptedException {
    return runWithoutDaemon(
        HostWithoutDockerTestCases.GetpidOnHostAndRunc.class, environment, configuration);
  }

  private List<Outcome> runWithoutDaemon(
      Class<?> fixture, Map<String, String> environment, Map<String, String> configuration)
      throws IOException, InterruptedException {
    Map<String, String> all = new HashMap<>();
    all.put("DOCKER_HOST", noDaemon());
    all.put("XDG_CACHE_HOME", scratch.resolve("cache").toString());
    // as on a user's machine: Testcontainers' helpers switched on, so that a message sending the
    // user to them would show here
    all.put("TESTCONTAINERS_RYUK_DISABLED", null);
    all.put("TESTCONTAINERS_HOST_OVERRIDE", null);
    all.putAll(environment);
    return EngineRunInChildJvm.run(
        fixture, scratch.resolve("reports"), all, configuration, CHILD_TIMEOUT);
  }

  private String noDaemon() {
    return "unix://" + scratch.resolve("no-daemon.sock");
  }

  private static AbstractStringAssert<?> assertThatMessageOf(
      List<Outcome> outcomes, String status) {
    return assertThat(outcomes)
        .filteredOn(outcome -> outcome.status().equals(status))
        .singleElement()
        .extracting(Outcome::message)
        .asString();
  }

  @Test
  void hostMeasuresAndRuncIsSkippedSayingTheDaemonIsDown() throws Exception {
    // WHEN
    List<Outcome> outcomes = runWithoutDaemon(Map.of(), Map.of());

    // THEN
    assertThat(outcomes)
        .as("the child run's outcomes: %s", outcomes)
        .extracting(Outcome::displayName, Outcome::status)
        .containsExactlyInAnyOrder(
            tuple("getpid() [host]", "SUCCESSFUL"), tuple("getpid() [runc]", "SKIPPED"));
    assertThatMessageOf(outcomes, "SKIPPED")
        .contains("Runtime runc needs Docker, but cannot reach the Docker daemon at " + noDaemon())
        .contains("runtimes/setup.sh", "DOCKER_HOST")
        .doesNotContain("Ryuk");
    assertThat(Files.list(scratch.resolve("cache/junit-sandbox")))
        .singleElement()
        .asString()
        .contains("sandbox-probe-" + HostProbeBinary.sourceHash());
  }

  @Test
  void strictModeFailsRuncSayingTheDaemonIsDown() throws Exception {
    // WHEN
    List<Outcome> outcomes =
        runWithoutDaemon(Map.of(), Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN
    assertThat(outcomes)
        .as("the child run's outcomes: %s", outcomes)
        .extracting(Outcome::displayName, Outcome::status)
        .containsExactlyInAnyOrder(
            tuple("getpid() [host]", "SUCCESSFUL"), tuple("getpid() [runc]", "FAILED"));
    assertThatMessageOf(outcomes, "FAILED")
        .contains("Runtime runc needs Docker, but cannot reach the Docker daemon at " + noDaemon())
        .contains("runtimes/setup.sh")
        .doesNotContain("Ryuk");
  }

  @Test
  void hostFailsSayingWhatIsMissingWithoutCompilerAndDaemon() throws Exception {
    // GIVEN a PATH without a C compiler
    Path emptyBin = Files.createDirectories(scratch.resolve("empty-bin"));

    // WHEN
    List<Outcome> outcomes = runWithoutDaemon(Map.of("PATH", emptyBin.toString()), Map.of());

    // THEN
    assertThat(outcomes)
        .as("the child run's outcomes: %s", outcomes)
        .extracting(Outcome::displayName, Outcome::status)
        .containsExactlyInAnyOrder(
            tuple("getpid() [host]", "FAILED"), tuple("getpid() [runc]", "SKIPPED"));
    assertThatMessageOf(outcomes, "FAILED")
        .contains("The HOST baseline needs the sandbox-probe binary, and it cannot be made here")
        .contains("there is no C compiler to build it from source (none of cc, gcc, clang")
        .contains("cannot reach the Docker daemon at " + noDaemon())
        .contains("apt-get install gcc libc6-dev; runtimes/setup.sh does")
        .contains("or start the Docker daemon (as root: runtimes/setup.sh starts dockerd")
        .doesNotContain("Ryuk");
  }

  @Test
  void aFailureToMakeTheHostBinaryIsTriedAgainByTheNextInvocation() throws Exception {
    // GIVEN a PATH without a C compiler, which the second invocation installs; the assembler and
    // linker the compiler runs are there already (binutils)
    Path bin = Files.createDirectories(scratch.resolve("bin"));
    Path binutils = Files.createDirectories(scratch.resolve("binutils"));
    for (String tool : List.of("as", "ld")) {
      Files.createSymbolicLink(binutils.resolve(tool), onPath(tool));
    }
    Path compiler = HostProbeBinary.findCompiler(System.getenv("PATH")).orElseThrow();

    // WHEN
    List<Outcome> outcomes =
        runWithoutDaemon(
            HostWithoutDockerTestCases.CompilerInstalledMidRun.class,
            Map.of(
                "PATH",
                bin + ":" + binutils,
                HostWithoutDockerTestCases.COMPILER_TO_INSTALL,
                compiler.toString()),
            Map.<String, String>of());

    // THEN the first failed for want of a compiler, and the second was not told the same
    assertThat(outcomes)
        .as("the child run's outcomes: %s", outcomes)
        .extracting(Outcome::displayName, Outcome::status)
        .containsExactly(
            tuple("beforeTheCompilerIsInstalled() [host]", "FAILED"),
            tuple("afterTheCompilerIsInstalled() [host]", "SUCCESSFUL"));
    assertThatMessageOf(outcomes, "FAILED").contains("there is no C compiler");
  }

  private static Path onPath(String tool) {
    return Arrays.stream(System.getenv("PATH").split(":"))
        .map(directory -> Path.of(directory, tool))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(tool + " is not on the PATH"));
  }
}
