package dev.junitsandbox.internal.report;

import static dev.junitsandbox.internal.report.ReportRuns.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Verdict;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.gate.GateFixtures;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.report.ComparisonResult;
import dev.junitsandbox.report.ComparisonResult.FigureComparisonResult;
import dev.junitsandbox.report.ComparisonResult.TrialResult;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparisons ({@code Sandbox.compare}) in the run report's console summary: a block after
 * benchstat, one line per compared figure with its verdict's mark, and the rule that set them.
 */
class ComparisonReportTests {

  private static final Instant FINISHED = STARTED.plusSeconds(60);
  private static final String RULE = "equivalent if the 99% interval ... (the rule in words)";

  @TempDir Path reports;

  @Test
  void showsOneLinePerComparedFigureWithMediansRatioIntervalPTrialsAndMark() {
    // GIVEN a run with two comparisons of known values: runc's getpid worse than the host's on p50,
    // its p99 unbounded (too few trials), and crun's requests/s equivalent to runc's
    RunResult run =
        runOf(
            invocation(
                "getpidWithinTwiceTheHost",
                "runc",
                comparison(
                    "syscall.getpid",
                    "runc",
                    "host",
                    figure("p50", "ns", 1270, 1000, 1.18, 1.4, 0.00021, Verdict.WORSE),
                    figure("p99", "ns", 2400, 2300, 0.5, null, 0.63, Verdict.INCONCLUSIVE))),
            invocation(
                "httpLikeRunc",
                "crun",
                comparison(
                    "http",
                    "crun",
                    "runc",
                    figure(
                        "requestsPerSecond",
                        "req/s",
                        1003,
                        1001,
                        0.98,
                        1.03,
                        0.81,
                        Verdict.EQUIVALENT))));

    // WHEN
    String summary = RunReport.consoleSummary(run);

    // THEN a header, one line per figure in the order they ran, the marks and the rule
    List<String> block =
        summary.lines().dropWhile(line -> !line.equals("comparisons")).skip(1).toList();
    assertThat(block.get(0))
        .matches("test +figure +A vs B +median A +median B +ratio A/B \\[interval\\] +p +trials");
    assertThat(block.get(1))
        .matches(
            "Example.getpidWithinTwiceTheHost · syscall.getpid +p50 +runc vs host +1.3 us +1.0 us"
                + " +1.27x \\[1.18, 1.40\\] +2.1e-04 +6\\+5 +- worse");
    assertThat(block.get(2))
        .matches(
            "Example.getpidWithinTwiceTheHost · syscall.getpid +p99 +runc vs host +2.4 us +2.3 us"
                + " +1.04x \\[0.500, inf\\] +0.63 +6\\+5 +~ inconclusive");
    assertThat(block.get(3))
        .matches(
            "Example.httpLikeRunc · http +requestsPerSecond +crun vs runc +1003 req/s +1001 req/s"
                + " +1.00x \\[0.980, 1.03\\] +0.81 +6\\+5 += equivalent");
    assertThat(block.get(4))
        .startsWith("marks: + A better than B, - A worse, = equivalent")
        .contains("~ no significant difference");
    // the same rule for both comparisons: said once
    assertThat(block.subList(5, block.size())).containsExactly("rule: " + RULE);
  }

  @Test
  void linesUpTheColumnsOfEveryLine() {
    // GIVEN
    RunResult run =
        runOf(
            invocation(
                "getpidWithinTwiceTheHost",
                "runc",
                comparison(
                    "syscall.getpid",
                    "runc",
                    "host",
                    figure("p50", "ns", 1270, 1000, 1.18, 1.4, 0.00021, Verdict.WORSE),
                    figure("mean", "ns", 999_000, 1000, 900, 1100.0, 0.0001, Verdict.WORSE))));

    // WHEN
    List<String> block =
        RunReport.consoleSummary(run)
            .lines()
            .dropWhile(line -> !line.equals("comparisons"))
            .toList();

    // THEN text columns start where their header does, figures end where theirs does
    String header = block.get(1);
    int medianBEnd = header.indexOf("median B") + "median B".length();
    for (String line : block.subList(2, 4)) {
      assertThat(line.indexOf("runc vs host")).isEqualTo(header.indexOf("A vs B"));
      assertThat(line.substring(medianBEnd - 7, medianBEnd + 1)).matches("[ 0-9.]+[nu]s ");
    }
  }

  @Test
  void collectsTheComparisonsAnInvocationWroteAndShowsThemInTheConsole() {
    // GIVEN getpid on runc against the host, runc at about 1.28x in 6 trials per side, and http on
    // crun against runc in 4 (too few to bound the interval), written as the extension writes them
    List<TestOutcome> outcomes = ReportRuns.writeComparisonRun(reports, "syscall.getpid");

    // WHEN
    RunResult run =
        RunReport.collect(reports, outcomes, List.of(ReportRuns.RUN_ID), STARTED, FINISHED);
    String summary = RunReport.consoleSummary(run);

    // THEN both comparisons with every trial in run order, each side's values as taken
    List<ComparisonResult> comparisons =
        run.invocations().stream().flatMap(i -> i.comparisons().stream()).toList();
    assertThat(comparisons)
        .extracting(ComparisonResult::probe, ComparisonResult::a, ComparisonResult::b)
        .containsExactly(tuple("syscall.getpid", "runc", "host"), tuple("http", "crun", "runc"));
    FigureComparisonResult p50 = comparisons.get(0).figures().get(0);
    assertThat(p50.a()).containsExactly(130.0, 127.0, 125.0, 135.0, 128.0, 131.0);
    assertThat(p50.b()).containsExactly(100.0, 102.0, 98.0, 101.0, 99.0, 103.0);
    assertThat(p50.medianA()).isEqualTo(129.0);
    assertThat(p50.medianB()).isEqualTo(100.5);
    // every runc trial is slower than every host trial: the smallest p of 6 against 6, 2 / C(12, 6)
    assertThat(p50.p()).isLessThan(0.01);
    assertThat(p50.verdict()).isEqualTo(Verdict.WORSE);
    assertThat(comparisons.get(1).figures().get(0).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(summary)
        .containsPattern(
            "Example.getpidWithinTwiceTheHost · syscall.getpid +p50 +runc vs host +129 ns +10[01]"
                + " ns +1.28x \\[[0-9.]+, [0-9.]+\\] +[0-9.e-]+ +6\\+6 +- worse")
        .containsPattern(
            "Example.httpLikeRunc · http +requestsPerSecond +crun vs runc .* \\[0, inf\\] .*"
                + " 4\\+4 +~ inconclusive")
        .contains("rule: " + comparisons.get(0).rule());
  }

  @Test
  void showsTheGatesVerdictPerFigureItsRuleAndWhatChangedWhereAGateJudged() {
    // GIVEN a comparison whose candidate's p50 doubled, judged by the gate, and one not judged
    Comparison doubled = GateFixtures.p50Doubled();
    GateResult gate = Gate.judge(doubled);
    RunResult run =
        runOf(
            invocation(
                "gvisorUpgrade",
                "runsc",
                ComparisonResult.of(doubled).withGate(ComparisonResult.SideBySideGate.of(gate))),
            invocation(
                "notGated",
                "runc",
                comparison(
                    "syscall.getpid",
                    "runc",
                    "host",
                    figure("p50", "ns", 1270, 1000, 1.18, 1.4, 0.00021, Verdict.WORSE))));

    // WHEN
    List<String> block =
        RunReport.consoleSummary(run)
            .lines()
            .dropWhile(line -> !line.equals("comparisons"))
            .skip(1)
            .toList();

    // THEN a gate column, the gate's marks where it judged, blank where it did not
    assertThat(block.get(0)).endsWith("  gate");
    assertThat(block.get(1)).contains("p50").matches(".* - worse +- regression");
    assertThat(block.get(2)).contains("p99").endsWith("= no change");
    assertThat(block.get(3)).contains("requestsPerSecond").endsWith("= no change");
    assertThat(block.get(4)).contains("Example.notGated").endsWith("- worse");
    assertThat(block)
        .contains(
            "gate (A the candidate, B the reference): - regression (fails the test), +"
                + " improvement, = no change (within the tolerance), ~ inconclusive (the trials"
                + " cannot tell)",
            "gate rule: " + gate.describeRule(),
            "changed runsc-20221219 -> runsc (Example.gvisorUpgrade · syscall.getpid): runtime:"
                + " runsc-20221219 -> runsc (not described: the comparison was not taken by a"
                + " Sandbox of this run)");
  }

  @Test
  void aRunWithoutComparisonsHasNoComparisonsBlock() {
    // WHEN
    RunResult run =
        RunReport.collect(
            reports, ReportRuns.writeRun(reports), List.of(ReportRuns.RUN_ID), STARTED, FINISHED);

    // THEN
    assertThat(RunReport.consoleSummary(run)).doesNotContain("comparisons", "marks:", "rule:");
  }

  private static RunResult runOf(InvocationResult... invocations) {
    return new RunResult(
        RunResult.SCHEMA,
        STARTED,
        FINISHED,
        ReportRuns.ENVIRONMENT,
        List.of(),
        List.of(),
        List.of(invocations),
        List.of(ReportRuns.RUN_ID),
        List.of());
  }

  private static InvocationResult invocation(
      String method, String runtime, ComparisonResult comparison) {
    InvocationResult of =
        ReportRuns.invocationOf("dev.example.Example", method, "[" + method + "]", runtime);
    return new InvocationResult(
        of.testClass(),
        of.testMethod(),
        of.displayName(),
        of.uniqueId(),
        of.runtime(),
        TestOutcome.Status.SUCCESSFUL,
        "",
        List.of(),
        "Example/" + method + "/" + runtime + "/invocation.json",
        1,
        1,
        List.of(comparison));
  }

  private static ComparisonResult comparison(
      String probe, String a, String b, FigureComparisonResult... figures) {
    return new ComparisonResult(
        probe,
        Map.of(),
        a,
        b,
        0.01,
        0.99,
        0.05,
        false,
        RULE,
        List.of(new TrialResult(Side.A, a, 0, STARTED, Map.of())),
        List.of(figures),
        List.of(),
        null);
  }

  /** A figure with 6 trials of A and 5 of B, medians and interval as given. */
  private static FigureComparisonResult figure(
      String name,
      String unit,
      double medianA,
      double medianB,
      double low,
      Double high,
      double p,
      Verdict verdict) {
    return new FigureComparisonResult(
        name,
        unit,
        Figure.Better.LOWER,
        List.of(medianA, medianA, medianA, medianA, medianA, medianA),
        List.of(medianB, medianB, medianB, medianB, medianB),
        medianA,
        medianB,
        medianA / medianB,
        low,
        high,
        p,
        verdict);
  }
}
