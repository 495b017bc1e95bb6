package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.SyscallProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;

/**
 * The sandboxes against the real daemon: runc and runsc containers and the host baseline, as
 * runtimes/setup.sh leaves this machine.
 */
class SandboxIntegrationTests {

  private static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(2_000);

  @TempDir Path reports;

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports);
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void measuresGetpidInEveryRuntime(Sandbox sandbox) {
    // WHEN
    Measurement getpid = sandbox.measure(GETPID);

    // THEN
    assertThat(getpid).hasCount(GETPID.calls() / GETPID.batchSize());
    assertThat(getpid.runtime()).isEqualTo(sandbox.runtime().id());
    assertThat(getpid.probe()).isEqualTo("syscall.getpid");
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void measuresStat(Sandbox sandbox) {
    Measurement stat = sandbox.measure(Probes.syscall("stat").iterations(1_000));

    assertThat(stat).hasCount(100);
  }

  @Runtimes(RUNSC)
  void gvisorGetpidIsFarAboveTheHost(Sandbox sandbox) {
    // gVisor is about 100x the host here; 5x leaves a wide margin on any machine
    assertThat(sandbox.measure(GETPID)).p50().isMoreThanFactorOf(5.0, sandbox.host(GETPID));
  }

  @Test
  void startsEachContainerUnderItsRuntimeAndRemovesIt() {
    // WHEN
    SandboxIntegrationTestCases.CONTAINERS.clear();
    EngineExecutionResults results = run(SandboxIntegrationTestCases.RecordsItsContainer.class);

    // THEN each ran under its runtime, with our label
    results.testEvents().assertStatistics(stats -> stats.succeeded(2));
    assertThat(SandboxIntegrationTestCases.CONTAINERS).containsOnlyKeys("runc", "runsc");
    SandboxIntegrationTestCases.CONTAINERS.forEach(
        (runtime, container) -> {
          assertThat(container.getHostConfig().getRuntime()).isEqualTo(runtime);
          assertThat(container.getConfig().getLabels())
              .containsEntry(ContainerProbeContext.LABEL, "probe");
          // AND it is gone once the invocation ended
          assertThatThrownBy(
                  () ->
                      DockerClientFactory.instance()
                          .client()
                          .inspectContainerCmd(container.getId())
                          .exec())
              .isInstanceOf(NotFoundException.class);
        });
  }

  @Test
  void keepsTheReportOfAFailedTest() throws IOException {
    // WHEN
    EngineExecutionResults results = run(SandboxIntegrationTestCases.FailsAfterMeasuring.class);

    // THEN the failure is the test's own, and what it measured is in the report
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1, event(test(), finishedWithFailure(message("the test failed after measuring"))));
    Path json =
        reports
            .resolve(SandboxIntegrationTestCases.FailsAfterMeasuring.class.getName())
            .resolve("failing/runc/invocation.json");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("runtime").path("dockerName").asText()).isEqualTo("runc");
    assertThat(report.path("measurements").get(0).path("latency").path("count").asLong())
        .isEqualTo(100);
    assertThat(Files.list(json.getParent()).map(p -> p.getFileName().toString()))
        .contains("01-syscall.getpid-runc.hgrm");
  }

  @Test
  void stopsAProbeThatOutlivesItsTimeout() {
    // WHEN
    EngineExecutionResults results = run(SandboxIntegrationTestCases.TimesOut.class);

    // THEN both fail quickly with the timeout named, on the host and in the container
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            event(
                test(),
                finishedWithFailure(
                    instanceOf(ProbeException.class),
                    message(m -> m.contains("did not finish within PT0.3S")))));
  }

  @Test
  void hostBaselineRunsTheBinaryFromTheProbeImage() throws IOException {
    // GIVEN
    Path binary = ProbeImage.hostBinary(ProbeImage.ensureAvailable());

    // THEN it is the static probe, runnable here
    assertThat(binary).isExecutable();
    assertThat(
            HostProbeContext.run(
                    java.time.Duration.ofSeconds(10),
                    java.util.List.of(binary.toString(), "--version"))
                .stdout())
        .startsWith("junit-sandbox-probe 1");
  }
}
