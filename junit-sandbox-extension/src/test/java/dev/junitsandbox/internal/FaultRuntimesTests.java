package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static dev.junitsandbox.internal.FaultRuntimesTestCases.BROKEN;
import static dev.junitsandbox.internal.FaultRuntimesTestCases.HANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.host.HostProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.testcontainers.DockerClientFactory;

/**
 * Real faulty OCI runtimes registered with the daemon by runtimes/setup.sh (runtimes/faults/): one
 * whose {@code create} never returns, one that fails at once. Their invocations fail with what
 * happened and how to reproduce it, the others go on, and nothing of them is left.
 */
class FaultRuntimesTests {

  // short, so that the hang costs the build seconds; the bound is what the test checks
  private static final int LIMIT_SECONDS = 4;
  private static final Pattern CONTAINER_ID =
      Pattern.compile("probe container \\S+ \\(([0-9a-f]{12})\\)");

  @TempDir Path reports;

  @Test
  // a safety net only: without the bounds this run hangs forever
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aHangingRuntimeAndABrokenOneFailTheirOwnInvocationsAndLeaveNothing() {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes())
        .as("runtimes registered by runtimes/setup.sh")
        .containsKeys("runc", HANG, BROKEN);

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(
            FaultRuntimesTestCases.RuncHangingAndBroken.class,
            reports,
            Map.of(SandboxSettings.DOCKER_TIMEOUT_SECONDS, Integer.toString(LIMIT_SECONDS)));

    // THEN runc passes, the hang fails within the bound and says what it killed
    assertThat(results)
        .hasNumberOfSucceededTests(1)
        .hasNumberOfFailedTests(2)
        .hasSucceededTest("getpid() [runc]");
    assertThat(results)
        .hasFailedTest("getpid() [" + HANG + "]")
        .withMessageContaining(
            "Runtime " + HANG + " hangs: the start of the probe container junit-sandbox-",
            "did not return within " + LIMIT_SECONDS + " s",
            "the daemon itself answers, so the runtime hangs",
            "Killed its host processes containerd-shim",
            HANG + " (pid ",
            "; removed.",
            "Reproduce with: docker run --rm --runtime " + HANG + " junit-sandbox/probe:");
    // AND the hanging invocation ended within a small multiple of the limit (start limit, then
    // removal limit, kill, daemon ping: about 2x here), not after the 5-minute safety net; the
    // margin is wide, as any time on this shared machine must be
    assertThat(durationOf(results, "getpid() [" + HANG + "]"))
        .isLessThan(Duration.ofSeconds(10L * LIMIT_SECONDS));
    // AND the broken one fails with the runtime's own error
    assertThat(results)
        .hasFailedTest("getpid() [" + BROKEN + "]")
        .withMessageContaining(
            "Cannot start the probe container junit-sandbox-",
            "under runtime " + BROKEN,
            "junit-sandbox-fault-broken: this runtime always fails",
            "The container is removed.",
            "Reproduce with: docker run --rm --runtime " + BROKEN + " junit-sandbox/probe:");

    // AND nothing of either is left: no container, no shim, no fault-script process
    List<String> ids =
        results.testEvents().failed().stream().map(FaultRuntimesTests::containerId).toList();
    assertThat(ids).hasSize(2).doesNotContainNull();
    assertThat(containersUnder(HANG, BROKEN)).isEmpty();
    assertThat(hostCommandLines())
        .filteredOn(
            commandLine ->
                commandLine.stream()
                    .anyMatch(
                        argument ->
                            argument.contains(HANG)
                                || argument.contains("junit-sandbox/faults/")
                                || ids.stream().anyMatch(argument::startsWith)))
        .as("host processes of the fault runtimes' containers %s", ids)
        .isEmpty();
  }

  /** From the start to the end of the test called {@code displayName}, as the engine reported. */
  private static Duration durationOf(EngineExecutionResults results, String displayName) {
    List<Event> events =
        results.testEvents().list().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().equals(displayName))
            .toList();
    Instant started =
        events.stream()
            .filter(e -> e.getType() == EventType.STARTED)
            .findFirst()
            .orElseThrow()
            .getTimestamp();
    Instant finished =
        events.stream()
            .filter(e -> e.getType() == EventType.FINISHED)
            .findFirst()
            .orElseThrow()
            .getTimestamp();
    return Duration.between(started, finished);
  }

  /** The arguments of every process on the host now. */
  static List<List<String>> hostCommandLines() {
    List<List<String>> commandLines = new java.util.ArrayList<>();
    try (var processes = java.nio.file.Files.newDirectoryStream(HostProcesses.PROC, "[0-9]*")) {
      for (Path process : processes) {
        try {
          commandLines.add(
              HostProcesses.arguments(
                  java.nio.file.Files.readAllBytes(process.resolve("cmdline"))));
        } catch (java.io.IOException ended) {
          // it ended while we read
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return commandLines;
  }

  private static String containerId(Event failed) {
    String message =
        failed
            .getPayload(org.junit.platform.engine.TestExecutionResult.class)
            .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
            .map(Throwable::getMessage)
            .orElse("");
    Matcher id = CONTAINER_ID.matcher(message);
    return id.find() ? id.group(1) : null;
  }

  /** Containers with our label whose runtime is one of {@code runtimes}. */
  private static List<String> containersUnder(String... runtimes) {
    var docker = DockerClientFactory.instance().client();
    List<Container> labelled =
        docker
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of(RunIdentity.LABEL))
            .exec();
    return labelled.stream()
        .filter(
            container -> {
              try {
                String runtime =
                    docker
                        .inspectContainerCmd(container.getId())
                        .exec()
                        .getHostConfig()
                        .getRuntime();
                return List.of(runtimes).contains(runtime);
              } catch (NotFoundException removedMeanwhile) {
                return false;
              }
            })
        .map(container -> container.getId() + " " + List.of(container.getNames()))
        .toList();
  }
}
