package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

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
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;

/**
 * The sandboxes against the real daemon: runc and runsc containers and the host baseline, as
 * runtimes/setup.sh leaves this machine. Here Docker is the point: containers under each runtime,
 * their removal, class passes with Testcontainers fields, and the live daemon's answer.
 */
class SandboxIntegrationTests {

  private static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(2_000);

  @TempDir Path reports;

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports);
  }

  /** These tests need the runtimes runtimes/setup.sh registers; elsewhere they do not apply. */
  private static void assumeDaemonWith(String... runtimes) {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).as("runtimes registered with the daemon").containsKeys(runtimes);
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void measuresGetpidInEveryRuntime(Sandbox sandbox) {
    // WHEN
    Measurement getpid = sandbox.measure(GETPID);
    Measurement inLargeBatches =
        sandbox.measure(Probes.syscall("getpid").iterations(20_000).batchSize(1_000));

    // THEN the values are per call, not per batch: batches 100 times larger would give values 100
    // times larger; per call, noise moves them by a few times at most
    assertThat(getpid.runtime()).isEqualTo(sandbox.runtime().id());
    assertThat(getpid.probe()).isEqualTo("syscall.getpid");
    assertOrderedDistribution(getpid);
    assertThat(inLargeBatches.p50Nanos() / getpid.p50Nanos())
        .as("p50 per call in batches of 1000 over batches of 10 (%s / %s)", inLargeBatches, getpid)
        .isBetween(0.1, 10.0);
  }

  @Runtimes({HOST, RUNC, RUNSC})
  void measuresStat(Sandbox sandbox) {
    Measurement stat = sandbox.measure(Probes.syscall("stat").iterations(1_000));

    assertThat(stat.probe()).isEqualTo("syscall.stat");
    assertOrderedDistribution(stat);
  }

  /** A latency distribution: no call is free, and each statistic sits where the next begins. */
  private static void assertOrderedDistribution(Measurement measurement) {
    Histogram nanos = measurement.histogram();
    assertThat(nanos.getMinValue()).as("min of %s", measurement).isPositive();
    assertThat(nanos.getValueAtPercentile(50))
        .as("p50 of %s", measurement)
        .isBetween(nanos.getMinValue(), nanos.getValueAtPercentile(99));
    assertThat(nanos.getValueAtPercentile(99))
        .as("p99 of %s", measurement)
        .isLessThanOrEqualTo(nanos.getMaxValue());
    assertThat(nanos.getMean())
        .as("mean of %s", measurement)
        .isBetween((double) nanos.getMinValue(), (double) nanos.getMaxValue());
  }

  @Runtimes(RUNSC)
  void gvisorGetpidIsFarAboveTheHost(Sandbox sandbox) {
    // gVisor systrap was 28x the host's p50 in the README's run, ptrace some 400x; 5x leaves a wide
    // margin on any machine
    assertThat(sandbox.measure(GETPID)).p50().isMoreThanFactorOf(5.0, sandbox.host(GETPID));
  }

  @Test
  void startsEachContainerUnderItsRuntimeAndRemovesIt() {
    assumeDaemonWith("runc", "runsc");
    // WHEN
    SandboxIntegrationTestCases.CONTAINERS.clear();
    EngineExecutionResults results = run(SandboxIntegrationTestCases.RecordsItsContainer.class);

    // THEN each ran under its runtime, with our label
    assertThat(results).hasNumberOfSucceededTests(2);
    assertThat(SandboxIntegrationTestCases.CONTAINERS).containsOnlyKeys("runc", "runsc");
    SandboxIntegrationTestCases.CONTAINERS.forEach(
        (runtime, container) -> {
          assertThat(container.getHostConfig().getRuntime()).isEqualTo(runtime);
          assertThat(container.getConfig().getLabels()).containsEntry(RunIdentity.LABEL, "probe");
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
  void startsAMappedRuntimesContainerUnderTheDockerNameItIsMappedTo() {
    assumeDaemonWith("runc");
    // GIVEN CRUN configured to run on the daemon's runc
    SandboxIntegrationTestCases.CONTAINERS.clear();
    Map<String, String> configuration = Map.of("junit.sandbox.runtime.crun.docker-name", "runc");

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(SandboxIntegrationTestCases.CrunOnRunc.class, reports, configuration);

    // THEN
    assertThat(results).hasSucceededTest("inspect() [crun]");
    assertThat(SandboxIntegrationTestCases.CONTAINERS.get("crun").getHostConfig().getRuntime())
        .isEqualTo("runc");
  }

  @Test
  void skipsARuntimeTheLiveDaemonLacksListingTheOnesItHas() {
    assumeDaemonWith("runc");
    // WHEN
    EngineExecutionResults results = run(RuntimesExtensionTestCases.MissingRuntime.class);

    // THEN the matrix asked the live daemon, which has at least Docker's own runc
    assertThat(results)
        .hasSucceededTest("noop() [host]")
        .hasSkippedTest("noop() [" + RuntimesExtensionTestCases.MISSING_RUNTIME + "]")
        .withReasonContaining("is not registered with the Docker daemon at ", "it has: ", "runc");
  }

  @Test
  void startsStaticContainersUnderEachPassButLeavesOptedOutOnesOnTheDefault() {
    assumeDaemonWith("runc", "runsc");
    // WHEN
    SandboxIntegrationTestCases.CONTAINER_RUNTIMES.clear();
    EngineExecutionResults results = run(SandboxIntegrationTestCases.StaticContainers.class);

    // THEN
    assertThat(results).hasNumberOfSucceededTests(2).hasNumberOfFailedTests(0);
    assertThat(SandboxIntegrationTestCases.CONTAINER_RUNTIMES)
        .containsEntry("runc/service", "runc")
        .containsEntry("runsc/service", "runsc")
        .containsEntry("runc/dependency", "runc")
        .containsEntry("runsc/dependency", "runc");
  }

  @Test
  void startsInstanceContainersUnderTheMethodsRuntime() {
    assumeDaemonWith("runc", "runsc");
    SandboxIntegrationTestCases.CONTAINER_RUNTIMES.clear();
    EngineExecutionResults results = run(SandboxIntegrationTestCases.InstanceContainer.class);

    assertThat(results).hasNumberOfSucceededTests(2).hasNumberOfFailedTests(0);
    assertThat(SandboxIntegrationTestCases.CONTAINER_RUNTIMES)
        .containsEntry("runc/instance", "runc")
        .containsEntry("runsc/instance", "runsc");
  }

  @Test
  void keepsTheReportOfAFailedTest() throws IOException {
    assumeDaemonWith("runc");
    // WHEN
    EngineExecutionResults results = run(SandboxIntegrationTestCases.FailsAfterMeasuring.class);

    // THEN the failure is the test's own, and what it measured is in the report
    assertThat(results).hasSingleFailedTest().withMessage("the test failed after measuring");
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
    assumeDaemonWith("runc");
    // WHEN
    EngineExecutionResults results = run(SandboxIntegrationTestCases.TimesOut.class);

    // THEN both fail quickly with the timeout named, on the host and in the container
    assertThat(results)
        .hasNumberOfFailedTests(2)
        .eachFailedTest()
        .withExceptionInstanceOf(ProbeException.class)
        .withMessageContaining("did not finish within PT0.3S");
  }
}
