package dev.junitsandbox.internal.report;

import static dev.junitsandbox.internal.report.ReportRuns.ENVIRONMENT;
import static dev.junitsandbox.internal.report.ReportRuns.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.HostRatio;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTests {

  private static final Instant FINISHED = STARTED.plusSeconds(60);

  @TempDir Path reports;

  private RunResult collect(List<TestOutcome> outcomes) {
    return RunReport.collect(reports, outcomes, List.of(ReportRuns.RUN_ID), STARTED, FINISHED);
  }

  private static MeasurementResult measurement(RunResult run, String probe, String runtime) {
    return run.measurements().stream()
        .filter(m -> m.probe().equals(probe) && m.runtime().equals(runtime))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void collectsOnlyThisRunsInvocationsIntoOneVersionedDocument() throws IOException {
    // GIVEN this run's reports, one left by an earlier run and one by an earlier version
    List<TestOutcome> outcomes = ReportRuns.writeRun(reports);
    new InvocationReport(
            reports.resolve("Old/getpid/runc"),
            "an-earlier-run",
            ReportRuns.invocationOf("Old", "getpid", "[old]", "runc"),
            ENVIRONMENT)
        .add(Measurements.getpid("runc", 1));
    Path olderVersion = reports.resolve("Example/nginx/crun/invocation.json");
    Files.createDirectories(olderVersion.getParent());
    Files.writeString(
        olderVersion,
        "{\"schema\":\"junit-sandbox/invocation/2\",\"uniqueId\":\"[engine:junit-jupiter]"
            + "/[class:Example]/[method:nginx]/[runc]\"}");

    // WHEN
    Path html = RunReport.write(reports, collect(outcomes));

    // THEN
    RunResult results = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    assertThat(results.schema()).isEqualTo("junit-sandbox/results/4");
    assertThat(results.started()).isEqualTo(STARTED);
    assertThat(results.finished()).isEqualTo(FINISHED);
    assertThat(results.environment()).isEqualTo(ENVIRONMENT);
    assertThat(results.measurements()).hasSize(3 + 3 + 2);
    assertThat(results.measurements())
        .extracting(MeasurementResult::group)
        .doesNotContain("Old.getpid · syscall.getpid")
        .contains("Example.getpid · syscall.getpid", "Example.nginx · http");
    assertThat(results.invocations())
        .extracting(InvocationResult::status)
        .containsOnly(TestOutcome.Status.SUCCESSFUL);
    assertThat(results.tests())
        .extracting(TestOutcome::status)
        .contains(TestOutcome.Status.SKIPPED);
    assertThat(results.runtimes()).extracting(r -> r.id()).containsExactly("host", "runc", "runsc");
    assertThat(html).isRegularFile().hasFileName("index.html");
  }

  @Test
  void writtenResultsReadBackIntoEqualRecordsWithLosslessHistograms() {
    // GIVEN a run written to results.json
    RunResult run = collect(ReportRuns.writeRun(reports));
    RunReport.write(reports, run);

    // WHEN a later run or a gate loads it
    RunResult read = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));

    // THEN the same records, and the histograms decode to the very distributions recorded
    assertThat(read).isEqualTo(run);
    Measurement runsc = measurement(read, "syscall.getpid", "runsc").toMeasurement();
    assertThat(runsc.histogram())
        .isEqualTo(Measurements.getpid("runsc", 13_000, 14_300, 15_600, 52_000).histogram());
    assertThat(runsc.startTime()).contains(STARTED.plusSeconds(1));
    assertThat(runsc.histogram().getStartTimeStamp())
        .isEqualTo(STARTED.plusSeconds(1).toEpochMilli());
  }

  @Test
  void computesEachRatioToTheHostOnceWithItsDirection() {
    // GIVEN
    RunResult run = collect(ReportRuns.writeRun(reports));

    // WHEN
    MeasurementResult getpid = measurement(run, "syscall.getpid", "runsc");
    MeasurementResult http = measurement(run, "http", "runsc");
    MeasurementResult host = measurement(run, "http", "host");

    // THEN latency: lower is better, 130x the host's is far beyond
    HostRatio p50 = getpid.latency().toHost().get(Statistic.P50);
    assertThat(p50.ratio()).isCloseTo(14_300 / 110.0, Offset.offset(0.5));
    assertThat(p50.band()).isEqualTo(HostRatio.Band.BEYOND_10X);
    assertThat(getpid.headline().toHost()).isEqualTo(p50);
    // AND throughput: higher is better, so 0.018 of the host's is as far beyond
    FigureResult rate = http.findFigure("requestsPerSecond").orElseThrow();
    assertThat(rate.toHost().ratio()).isEqualTo(0.018);
    assertThat(rate.toHost().band()).isEqualTo(HostRatio.Band.BEYOND_10X);
    assertThat(http.headline().format()).isEqualTo("450 req/s (0.02x)");
    // AND the host is not compared with itself
    assertThat(host.headline().toHost()).isNull();
    assertThat(host.latency().toHost()).isEmpty();
  }

  @Test
  void bandsTakeTheBetterDirectionIntoAccount() {
    assertThat(HostRatio.of(0.5, Figure.Better.LOWER).band()).isEqualTo(HostRatio.Band.CLOSE);
    assertThat(HostRatio.of(0.5, Figure.Better.HIGHER).band()).isEqualTo(HostRatio.Band.WITHIN_2X);
    assertThat(HostRatio.of(1.5, Figure.Better.HIGHER).band()).isEqualTo(HostRatio.Band.CLOSE);
    assertThat(HostRatio.of(0, Figure.Better.HIGHER).band()).isEqualTo(HostRatio.Band.BEYOND_10X);
  }

  @Test
  void keepsHistogramsLosslesslyAndLinksTheirFiles() {
    // GIVEN
    List<TestOutcome> outcomes = ReportRuns.writeRun(reports);

    // WHEN
    RunResult run = collect(outcomes);

    // THEN
    MeasurementResult runsc = measurement(run, "syscall.getpid", "runsc");
    assertThat(runsc.latency().decodeHistogram())
        .isEqualTo(Measurements.getpid("runsc", 13_000, 14_300, 15_600, 52_000).histogram());
    assertThat(reports.resolve(runsc.latency().percentileFile())).isRegularFile();
    assertThat(reports.resolve(runsc.latency().logFile()))
        .isRegularFile()
        .content()
        .contains("#[Histogram log format version 1.3]");
    InvocationResult invocation =
        run.invocations().stream()
            .filter(i -> i.measurements().contains(runsc))
            .findFirst()
            .orElseThrow();
    assertThat(reports.resolve(invocation.file())).isRegularFile();
  }

  @Test
  void summarisesEachGroupWithItsRatioToTheHost() {
    // GIVEN
    RunResult run = collect(ReportRuns.writeRun(reports));

    // WHEN
    String summary = RunReport.consoleSummary(run);

    // THEN one column per runtime, host first, headline figure and ratio per cell
    assertThat(summary.lines().findFirst().orElseThrow()).matches("measurement +host +runc +runsc");
    assertThat(summary)
        .containsPattern(
            "Example.getpid · syscall.getpid +110 ns +132 ns \\(1.20x\\) +14.3 us \\(130.03x\\)")
        .containsPattern(
            "Example.nginx · http +25000 req/s +25000 req/s \\(1.00x\\) +450 req/s \\(0.02x\\)")
        .containsPattern("Example.footprint · memory.footprint +- +5.00 MiB +61.00 MiB");
    // and below the table, what each runtime was: the network mode changes what http measured
    assertThat(summary)
        .contains(
            "host   host version 1, platform native, network host",
            "runc   runc version 1, platform native, network container",
            "runsc  runsc version 1, platform ptrace, network host");
  }

  @Test
  void refusesResultsOfAnotherSchemaNamingTheFix() throws IOException {
    Path old = reports.resolve("results.json");
    Files.writeString(
        old,
        "{\"schema\":\"junit-sandbox/results/1\",\"started\":\"2026-01-01T00:00:00Z\","
            + "\"finished\":\"2026-01-01T00:00:01Z\"}",
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> RunResult.read(old))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'junit-sandbox/results/1' cannot be read as junit-sandbox/results/4")
        .hasMessageContaining("re-run the tests");
  }

  @Test
  void collectsNothingWhenTheRunMeasuredNothing() {
    RunResult run =
        RunReport.collect(
            reports.resolve("missing"), List.of(), List.of(ReportRuns.RUN_ID), STARTED, FINISHED);

    assertThat(run.measurements()).isEmpty();
    assertThat(Files.exists(reports.resolve("missing"))).isFalse();
  }
}
