package dev.junitsandbox.internal.report;

import static dev.junitsandbox.internal.report.ReportRuns.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.report.HostRatio;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import dev.junitsandbox.report.TrialSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rounds of a matrix ({@code @Runtimes(rounds = 3)}) in the run report: every round kept as its
 * own invocation, and per group and runtime a series of trials with its median and range, which the
 * console and the page show in place of one round's value.
 */
class RoundsReportTests {

  private static final Instant FINISHED = STARTED.plusSeconds(60);
  private static final String GETPID = "Example.getpid · syscall.getpid";

  @TempDir Path reports;

  private RunResult collect(List<TestOutcome> outcomes) {
    return RunReport.collect(reports, outcomes, List.of(ReportRuns.RUN_ID), STARTED, FINISHED);
  }

  @Test
  void keepsEveryRoundAsItsOwnInvocation() {
    // WHEN 3 rounds of getpid on host and runc are collected
    RunResult run = collect(ReportRuns.writeRoundsRun(reports));

    // THEN six invocations, each in its round's folder, none overwritten by another
    assertThat(run.invocations())
        .extracting(i -> i.runtime().id(), InvocationResult::round, InvocationResult::rounds)
        .containsExactlyInAnyOrder(
            tuple("host", 1, 3),
            tuple("host", 2, 3),
            tuple("host", 3, 3),
            tuple("runc", 1, 3),
            tuple("runc", 2, 3),
            tuple("runc", 3, 3));
    assertThat(run.invocations())
        .extracting(InvocationResult::file)
        .doesNotHaveDuplicates()
        .contains("Example/getpid/runc/round-2/invocation.json");
    assertThat(run.measurements())
        .filteredOn(m -> m.runtime().equals("runc"))
        .extracting(m -> m.headline().value())
        .containsExactlyInAnyOrder(150.0, 120.0, 300.0);
  }

  @Test
  void summarisesTheRoundsOfEachRuntimeAsTrialsWithMedianAndRange() {
    // WHEN
    RunResult run = collect(ReportRuns.writeRoundsRun(reports));

    // THEN one series per runtime, trials in round order, the median with its range
    assertThat(run.trialSeries()).hasSize(2);
    TrialSeries host = run.findTrialSeries(GETPID, "host").orElseThrow();
    TrialSeries runc = run.findTrialSeries(GETPID, "runc").orElseThrow();
    assertThat(runc.trials())
        .extracting(TrialSeries.Trial::round, TrialSeries.Trial::value)
        .containsExactly(tuple(1, 150.0), tuple(2, 120.0), tuple(3, 300.0));
    assertThat(runc.median()).isEqualTo(150.0);
    assertThat(runc.min()).isEqualTo(120.0);
    assertThat(runc.max()).isEqualTo(300.0);
    assertThat(runc.medianRound()).isEqualTo(1);
    assertThat(runc.name()).isEqualTo("p50");
    assertThat(runc.unit()).isEqualTo("ns");
    assertThat(runc.better()).isEqualTo(Figure.Better.LOWER);
    assertThat(runc.format()).isEqualTo("150 ns (1.36x) [120-300 ns]");
    // the ratio of the medians, not of one round
    assertThat(runc.toHost().ratio()).isCloseTo(150.0 / 110.0, Offset.offset(1e-9));
    assertThat(runc.toHost().band()).isEqualTo(HostRatio.Band.WITHIN_2X);
    assertThat(host.median()).isEqualTo(110.0);
    assertThat(host.medianRound()).isEqualTo(3);
    assertThat(host.toHost()).isNull();
    assertThat(host.format()).isEqualTo("110 ns [100-130 ns]");
  }

  @Test
  void comparesEachRoundWithTheHostOfTheSameRound() {
    // WHEN
    RunResult run = collect(ReportRuns.writeRoundsRun(reports));

    // THEN runc's round 2 (120 ns) against the host's round 2 (130 ns), not the host's round 1
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      int r = round;
      MeasurementResult runc =
          run.invocations().stream()
              .filter(i -> i.runtime().id().equals("runc") && i.round() == r)
              .findFirst()
              .orElseThrow()
              .measurements()
              .get(0);
      ratios.add(runc.headline().toHost().ratio());
    }
    assertThat(ratios)
        .usingComparatorForType(
            (a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class)
        .containsExactly(150.0 / 100.0, 120.0 / 130.0, 300.0 / 110.0);
  }

  @Test
  void showsTheMedianAndRangeInTheConsoleSummary() {
    // GIVEN
    RunResult run = collect(ReportRuns.writeRoundsRun(reports));

    // WHEN
    String summary = RunReport.consoleSummary(run);

    // THEN
    assertThat(summary)
        .containsPattern(
            "Example.getpid · syscall.getpid +110 ns \\[100-130 ns\\] +150 ns \\(1.36x\\)"
                + " \\[120-300 ns\\]")
        .contains("(rounds: median of the rounds' values");
  }

  @Test
  void writesTheSeriesToResultsJsonAndReadsThemBack() {
    // GIVEN
    RunResult run = collect(ReportRuns.writeRoundsRun(reports));

    // WHEN
    RunReport.write(reports, run);
    RunResult read = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));

    // THEN
    assertThat(read).isEqualTo(run);
    assertThat(read.trialSeries()).hasSize(2);
  }

  @Test
  void aRunWithoutRoundsHasNoSeriesAndUnchangedSummary() {
    // WHEN
    RunResult run = collect(ReportRuns.writeRun(reports));

    // THEN
    assertThat(run.trialSeries()).isEmpty();
    assertThat(run.invocations())
        .extracting(InvocationResult::round, InvocationResult::rounds)
        .containsOnly(tuple(1, 1));
    assertThat(RunReport.consoleSummary(run)).doesNotContain("rounds", "[");
  }

  @Test
  void readsAnInvocationWrittenBeforeRoundsAsRoundOneOfOne() throws IOException {
    // GIVEN an invocation.json of this schema without round fields, as the previous version wrote
    List<TestOutcome> outcomes = new ArrayList<>();
    InvocationReport report = ReportRuns.invocation(reports, "getpid", "host", outcomes);
    report.add(Measurements.getpid("host", 100));
    String json = Files.readString(report.jsonFile());
    Files.writeString(
        report.jsonFile(),
        json.replaceAll("\\s*\"round\" : 1,", "").replaceAll(",\\s*\"rounds\" : 1", ""));
    assertThat(Files.readString(report.jsonFile())).doesNotContain("\"round");

    // WHEN
    RunResult run = collect(outcomes);

    // THEN
    assertThat(run.invocations())
        .extracting(InvocationResult::round, InvocationResult::rounds)
        .containsExactly(tuple(1, 1));
  }

  @Test
  void refusesARoundOutsideItsMatrix() {
    InvocationResult invocation = ReportRuns.invocationOf("Example", "getpid", "[id]", "runc");

    assertThatThrownBy(() -> invocation.inRound(4, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("getpid() [runc]: round 4 of 3 is not a round");
  }

  @Test
  void refusesASeriesOfOneTrial() {
    assertThatThrownBy(
            () ->
                new TrialSeries(
                    GETPID,
                    "runc",
                    "p50",
                    "ns",
                    Figure.Better.LOWER,
                    List.of(new TrialSeries.Trial(1, 150, "150 ns")),
                    150,
                    150,
                    150,
                    "150 ns",
                    "150-150 ns",
                    1,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs at least 2 trials, but had 1");
  }
}
