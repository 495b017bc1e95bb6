package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
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

/**
 * Comparisons run for real: the syscall probe in fresh host process trees and fresh runc
 * containers, few trials. Only what holds with a wide margin on a noisy machine is asserted: the
 * order, the counts, the report, and that intervals exist; never a time.
 */
class ComparisonTests {

  private static final List<Side> ABBA_BAAB_ABBA =
      List.of(
          Side.A, Side.B, Side.B, Side.A, Side.B, Side.A, Side.A, Side.B, Side.A, Side.B, Side.B,
          Side.A);

  @TempDir Path reports;

  @Test
  void runsBothSidesInterleavedEachTrialInAFreshSandboxAndReportsEveryTrial() throws IOException {
    // WHEN the host is compared with itself, 6 trials per side
    EngineExecutionResults results =
        EngineRuns.run(ComparisonTestCases.HostWithHost.class, reports);

    // THEN the trials ran in the balanced order, one after another
    assertThat(results).hasNumberOfSucceededTests(1);
    Comparison comparison = ComparisonTestCases.COMPARISONS.get("HostWithHost");
    assertThat(comparison.trials()).extracting(Trial::side).isEqualTo(ABBA_BAAB_ABBA);
    assertThat(comparison.trials())
        .extracting(Trial::index)
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(comparison.trials()).extracting(Trial::start).isSorted();
    assertThat(comparison.a()).isEqualTo("host");
    assertThat(comparison.b()).isEqualTo("host");
    assertThat(comparison.figures())
        .extracting(FigureComparison::name)
        .containsExactly("p50", "p99", "mean");
    assertThat(comparison.figures())
        .allSatisfy(
            f -> {
              assertThat(f.trialsA()).isEqualTo(6);
              assertThat(f.trialsB()).isEqualTo(6);
            });

    // AND invocation.json holds every trial's measurement and the comparison, in run order
    Path json =
        reports
            .resolve(ComparisonTestCases.HostWithHost.class.getName())
            .resolve("compare/host/invocation.json");
    JsonNode invocation = new ObjectMapper().readTree(json.toFile());
    assertThat(invocation.path("measurements")).hasSize(12);
    JsonNode written = invocation.path("comparisons").get(0);
    assertThat(written.path("trials").findValuesAsText("side"))
        .containsExactly("A", "B", "B", "A", "B", "A", "A", "B", "A", "B", "B", "A");
    assertThat(written.path("figures").get(0).path("a")).hasSize(6);
    assertThat(written.path("confidence").asDouble()).isEqualTo(0.99);

    // AND the run's results carry it into the typed model and results.json
    RunResult run =
        RunReport.collect(
            reports,
            List.of(
                new TestOutcome(
                    invocation.path("uniqueId").asText(),
                    invocation.path("displayName").asText(),
                    TestOutcome.Status.SUCCESSFUL,
                    "")),
            List.of(invocation.path("runId").asText()),
            Instant.now().minusSeconds(600),
            Instant.now());
    RunReport.write(reports, run);
    RunResult read = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    assertThat(read.schema()).isEqualTo("junit-sandbox/results/4");
    ComparisonResult result = read.invocations().get(0).comparisons().get(0);
    assertThat(result.trials())
        .extracting(ComparisonResult.TrialResult::side)
        .isEqualTo(ABBA_BAAB_ABBA);
    assertThat(result.figures().get(0).verdict()).isEqualTo(comparison.figures().get(0).verdict());
    assertThat(result.rule()).isEqualTo(comparison.rule().describe());
  }

  @Test
  void comparesARuncContainerPerTrialWithTheHost() {
    assumeDaemonWithRunc();
    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(ComparisonTestCases.RuncWithHost.class, reports);

    // THEN runc's trials ran on runc, the host's on the host, and the p50 ratio has a finite
    // interval around it (getpid under runc is a plain syscall: no claim on its size here)
    assertThat(results).hasNumberOfSucceededTests(1);
    Comparison comparison = ComparisonTestCases.COMPARISONS.get("RuncWithHost");
    assertThat(comparison.trials(Side.A))
        .hasSize(8)
        .allSatisfy(t -> assertThat(t.runtime()).isEqualTo("runc"));
    assertThat(comparison.trials(Side.B))
        .hasSize(8)
        .allSatisfy(t -> assertThat(t.runtime()).isEqualTo("host"));
    FigureComparison p50 = comparison.figure("p50");
    assertThat(p50.isBounded()).as(p50.format()).isTrue();
    assertThat(p50.low()).as(p50.format()).isPositive().isLessThanOrEqualTo(p50.high());
  }

  @Test
  void abortsATestWhoseComparisonStraddlesItsBound() {
    // WHEN
    EngineExecutionResults results = EngineRuns.run(ComparisonTestCases.Straddling.class, reports);

    // THEN it is reported as aborted (skipped), with the figures and the reason
    assertThat(results)
        .hasNumberOfAbortedTests(1)
        .hasAbortedTest("straddles() [host]")
        // its first line says what was compared: skip summaries show only that line
        .withMessageStartingWith("Expecting the ratio of mean of syscall.getpid")
        .withMessageContaining(
            "Expecting the ratio of mean of syscall.getpid, host (A) / host (B)",
            "the interval straddles the bound",
            "Trials in run order",
            "Rule: equivalent if the 99% interval");
  }

  @Test
  void failsATestWhoseComparisonStraddlesItsBoundWhenComparisonsAreStrict() {
    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(
            ComparisonTestCases.Straddling.class,
            reports,
            Map.of(SandboxSettings.COMPARISONS_STRICT, "true"));

    // THEN
    assertThat(results)
        .hasFailedTest("straddles() [host]")
        .withExceptionInstanceOf(AssertionError.class)
        .withMessageContaining(
            "the interval straddles the bound",
            "this fails because junit.sandbox.comparisons.strict=true.");
  }

  @Test
  void refusesTooFewTrialsNamingTheMinimum() {
    EngineExecutionResults results =
        EngineRuns.run(ComparisonTestCases.TooFewTrials.class, reports);

    assertThat(results)
        .hasSingleFailedTest()
        .withExceptionInstanceOf(IllegalArgumentException.class)
        .withMessage(
            "trials(2): a comparison needs at least 6 trials per side, since with fewer no"
                + " difference can be significant at alpha 0.01; pass trials(6) or more (the"
                + " default is junit.sandbox.comparisons.trials, 10 unless configured)");
  }

  @Test
  void refusesATrialCountBelowTheMinimumInConfiguration() {
    EngineExecutionResults results =
        EngineRuns.run(
            ComparisonTestCases.HostWithHost.class,
            reports,
            Map.of(SandboxSettings.COMPARISONS_TRIALS, "3"));

    assertThat(results)
        .hasSingleFailedContainer()
        .withMessageContaining(
            "junit.sandbox.comparisons.trials must be a whole number of trials per side from 6"
                + " to 9999",
            "but was '3'");
  }

  private static void assumeDaemonWithRunc() {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).as("runtimes registered with the daemon").containsKeys("runc");
  }
}
