package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.gate.GateFigure;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.internal.report.RunReport;
import dev.junitsandbox.report.ComparisonResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * The side-by-side gate on real comparisons: a runtime against itself never regresses (the trials
 * may not tell, which aborts), a real slowdown of the candidate (a CPU quota on its containers)
 * fails {@code hasNoRegression()} with the evidence, and the verdicts reach the report. No time is
 * asserted; only the direction of a slowdown of several times.
 */
class SideBySideGateTests {

  @TempDir Path reports;

  @Test
  void theHostAgainstItselfNeverRegressesAndTheVerdictsReachTheReport() throws IOException {
    // WHEN the host is gated against itself, 6 trials a side
    EngineExecutionResults results = EngineRuns.run(GateTestCases.HostAgainstHost.class, reports);

    // THEN the test passed or was aborted (the trials may not tell), never failed
    assertThat(results).hasNumberOfFailedTests(0).hasNumberOfStartedTests(1);
    GateResult gate = GateTestCases.RESULTS.get("HostAgainstHost");
    assertThat(gate.figures()).extracting(GateFigure::name).containsExactly("p50", "p99", "mean");
    assertThat(gate.figure("p50").verdict())
        .isNotIn(GateVerdict.REGRESSION, GateVerdict.IMPROVEMENT);
    assertThat(gate.figures())
        .allSatisfy(
            f -> {
              assertThat(f.candidateTrials()).isEqualTo(6);
              assertThat(f.referenceTrials()).isEqualTo(6);
            });
    // AND it knows both runtimes: the same
    assertThat(gate.candidateRuntime()).isNotNull();
    assertThat(gate.whatChanged())
        .singleElement()
        .asString()
        .startsWith("nothing: both sides ran on host");

    // AND invocation.json holds the gate on the comparison
    Path json =
        reports
            .resolve(GateTestCases.HostAgainstHost.class.getName())
            .resolve("gate/host/invocation.json");
    JsonNode invocation = new ObjectMapper().readTree(json.toFile());
    JsonNode written = invocation.path("comparisons").get(0).path("gate");
    assertThat(written.path("figures").findValuesAsText("name"))
        .containsExactly("p50", "p99", "mean");
    assertThat(written.path("alpha").asDouble()).isEqualTo(0.01);
    assertThat(written.path("figures").get(0).path("candidateTrials").asInt()).isEqualTo(6);

    // AND results.json and the console carry it
    RunResult run = collect(invocation, results);
    RunReport.write(reports, run);
    RunResult read = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    ComparisonResult comparison = read.invocations().get(0).comparisons().get(0);
    assertThat(comparison.gate().figures())
        .extracting(ComparisonResult.SideBySideGateFigure::verdict)
        .containsExactlyElementsOf(gate.figures().stream().map(GateFigure::verdict).toList());
    assertThat(comparison.gate().whatChanged()).isEqualTo(gate.whatChanged());
    String console = RunReport.consoleSummary(read);
    assertThat(console)
        .contains("gate (A the candidate, B the reference): - regression (fails the test)")
        .contains("gate rule: " + gate.describeRule())
        .contains("changed host -> host (");
    assertThat(console.lines().filter(line -> line.matches(".* gate$"))).hasSize(1);
  }

  @Test
  void judgesByTheRunsConfiguredRule() throws IOException {
    // WHEN the run configures the gate's alpha and a tolerance of p99
    EngineRuns.run(
        GateTestCases.ConfiguredRule.class,
        reports,
        Map.of(
            SandboxSettings.GATE_ALPHA,
            "0.05",
            SandboxSettings.GATE_TOLERANCE_PREFIX + "p99",
            "0.25"));

    // THEN the gate decided by them (the outcome is not asserted: at alpha 0.05 an A/A comparison
    // may find a difference), and the report says so
    GateResult gate = GateTestCases.RESULTS.get("ConfiguredRule");
    assertThat(gate.rule()).isEqualTo(new GateRule(0.05, 0.05, Map.of("p99", 0.25), false));
    assertThat(gate.figure("p99").tolerance()).isEqualTo(0.25);
    assertThat(gate.figure("p50").confidence()).isEqualTo(0.95);
    JsonNode written =
        new ObjectMapper()
            .readTree(
                reports
                    .resolve(GateTestCases.ConfiguredRule.class.getName())
                    .resolve("gate/host/invocation.json")
                    .toFile())
            .path("comparisons")
            .get(0)
            .path("gate");
    assertThat(written.path("alpha").asDouble()).isEqualTo(0.05);
    assertThat(written.path("tolerances").path("p99").asDouble()).isEqualTo(0.25);
    assertThat(written.path("rule").asText()).contains("p < 0.05", "the 95% interval", "p99 ±25%");
  }

  @Test
  void runcAgainstRuncNeverRegresses() {
    assumeDaemonWithRunc();
    // WHEN
    EngineExecutionResults results = EngineRuns.run(GateTestCases.RuncAgainstRunc.class, reports);

    // THEN
    assertThat(results).hasNumberOfFailedTests(0).hasNumberOfStartedTests(1);
    GateResult gate = GateTestCases.RESULTS.get("RuncAgainstRunc");
    assertThat(gate.figure("p50").verdict())
        .isNotIn(GateVerdict.REGRESSION, GateVerdict.IMPROVEMENT);
    // the same registration under two ids: the id is all that changed
    assertThat(gate.whatChanged())
        .singleElement()
        .asString()
        .startsWith(
            "runtime: runc-again -> runc (the same binary, version, platform and arguments as the"
                + " daemon reports them: ");
  }

  @Test
  void aCpuQuotaOnTheCandidateFailsTheGateWithTheEvidence() throws IOException {
    assumeDaemonWithRunc();
    // WHEN the candidate's containers get a quarter of a CPU, the reference's run free
    EngineExecutionResults results =
        EngineRuns.run(GateTestCases.ThrottledCandidate.class, reports);

    // THEN the mean of getpid regressed, and the message has every part of the evidence
    assertThat(results)
        .hasFailedTest("gate() [runc]")
        .withExceptionInstanceOf(AssertionError.class)
        .withMessageContaining(
            "Expecting no regression of syscall.getpid, runc (candidate, A) against runc-free"
                + " (reference, B)",
            "but mean regressed (1 of 1 figures):",
            "  mean: ",
            " -> ",
            "99% interval of the ratio [",
            "Mann-Whitney p=",
            "6 trials of the candidate and 6 of the reference",
            "threshold: p < 0.01 and a change beyond ±5%",
            "Trials in run order:",
            "What changed (reference -> candidate):",
            "  runtime: runc-free -> runc (the same binary",
            "Rule: regression (or improvement) if Mann-Whitney p < 0.01");
    String message =
        results.testEvents().failed().stream()
            .map(Event::getPayload)
            .flatMap(java.util.Optional::stream)
            .map(p -> ((org.junit.platform.engine.TestExecutionResult) p).getThrowable())
            .flatMap(java.util.Optional::stream)
            .findFirst()
            .orElseThrow()
            .getMessage();
    // the change is an increase, in percent
    assertThat(message).containsPattern("  mean: \\S+ \\S+ -> \\S+ \\S+ \\(\\+[0-9.]+%\\)");

    // AND the report holds the gate's verdict, though the test failed
    JsonNode invocation =
        new ObjectMapper()
            .readTree(
                reports
                    .resolve(GateTestCases.ThrottledCandidate.class.getName())
                    .resolve("gate/runc/invocation.json")
                    .toFile());
    JsonNode gate = invocation.path("comparisons").get(0).path("gate");
    assertThat(gate.path("verdict").asText()).isEqualTo("REGRESSION");
    JsonNode mean = gate.path("figures").get(2);
    assertThat(mean.path("name").asText()).isEqualTo("mean");
    assertThat(mean.path("verdict").asText()).isEqualTo("REGRESSION");
    assertThat(mean.path("changePercent").asDouble()).isGreaterThan(5);
  }

  private RunResult collect(JsonNode invocation, EngineExecutionResults results) {
    return RunReport.collect(
        reports,
        List.of(
            new TestOutcome(
                invocation.path("uniqueId").asText(),
                invocation.path("displayName").asText(),
                results.testEvents().failed().count() > 0
                    ? TestOutcome.Status.FAILED
                    : results.testEvents().aborted().count() > 0
                        ? TestOutcome.Status.ABORTED
                        : TestOutcome.Status.SUCCESSFUL,
                "")),
        List.of(invocation.path("runId").asText()),
        Instant.now().minusSeconds(600),
        Instant.now());
  }

  private static void assumeDaemonWithRunc() {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).as("runtimes registered with the daemon").containsKeys("runc");
  }
}
