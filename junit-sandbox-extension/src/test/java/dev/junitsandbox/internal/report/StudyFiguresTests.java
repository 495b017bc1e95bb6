package dev.junitsandbox.internal.report;

import static dev.junitsandbox.internal.report.ReportRuns.STARTED;
import static dev.junitsandbox.internal.report.ReportRuns.diskMibPerSecond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.probe.builtin.DiskIoProbe.Pattern;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.StartupProbe;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import dev.junitsandbox.report.TrialSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's section "The studies' figures", as {@link StudyFigures} prepares it from a run: the
 * disk results one chart per pattern by block size (Li et al.'s figures 7 to 10), the other study
 * figures one chart across the runtimes.
 */
class StudyFiguresTests {

  @TempDir Path reports;

  private RunResult collect(List<TestOutcome> outcomes) {
    return RunReport.collect(
        reports, outcomes, List.of(ReportRuns.RUN_ID), STARTED, STARTED.plusSeconds(60));
  }

  @Test
  void drawsTheDiskResultsOneChartPerPatternWithBlockSizesInOrderAndOneSeriesPerRuntime() {
    // GIVEN fio on host and runc, 3 block sizes measured 1MiB, 4KiB, 64KiB, 2 patterns, and a
    // comparison's trials of 64KiB random reads far off the matrix's values
    RunResult run = collect(ReportRuns.writeDiskRun(reports, 1, true));

    // WHEN
    StudyFigures figures = StudyFigures.of(run);

    // THEN 2 charts, the probe's pattern order (sequential write before random read)
    assertThat(figures.charts())
        .extracting(StudyFigures.Chart::axis, StudyFigures.Chart::title)
        .containsExactly(
            tuple(
                StudyFigures.Axis.BLOCK_SIZE,
                "Sequential write (fio rw=write): bandwidth by block size"),
            tuple(
                StudyFigures.Axis.BLOCK_SIZE,
                "Random read (fio rw=randread): bandwidth by block size"));
    StudyFigures.Chart randomRead = figures.charts().get(1);
    // x: by bytes, not as measured nor by name ("1MiB" < "4KiB" < "64KiB")
    assertThat(randomRead.labels()).containsExactly("4KiB", "64KiB", "1MiB");
    // one series per runtime, the host first, each the matrix's values: no comparison trial
    assertThat(randomRead.series())
        .extracting(StudyFigures.Series::name, StudyFigures.Series::medians)
        .containsExactly(
            tuple("host", List.of(1.0, 16.0, 256.0)), tuple("runc", List.of(2.0, 32.0, 512.0)));
    assertThat(figures.charts().get(0).series())
        .extracting(StudyFigures.Series::medians)
        .containsExactly(List.of(2.0, 17.0, 257.0), List.of(3.0, 33.0, 513.0));
    assertThat(randomRead.yTitle()).isEqualTo("MiB/s, higher is better");
    assertThat(randomRead.caption()).contains("figures 7 to 10");
    // the settings the chart's measurements share, pattern and block size left out
    assertThat(randomRead.settings())
        .startsWith("tool=fio, fileSize=256MiB, direct=1")
        .doesNotContain("rw=", "blockSize=");
  }

  @Test
  void drawsRoundsAsTheirMedianWithTheSmallestAndLargest() {
    // GIVEN the same fio matrix in 3 rounds: each round 1 MiB/s more than the one before
    RunResult run = collect(ReportRuns.writeDiskRun(reports, 3, false));

    // WHEN
    StudyFigures figures = StudyFigures.of(run);

    // THEN each point is the median of its 3 rounds, spanning the first to the last round
    StudyFigures.Chart write = figures.charts().get(0);
    assertThat(write.labels()).containsExactly("4KiB", "64KiB", "1MiB");
    StudyFigures.Point runc1m = write.series().get(1).points().get(2);
    double round1 = diskMibPerSecond("runc", Pattern.SEQUENTIAL_WRITE, Probes.mib(1), 1);
    assertThat(runc1m).isEqualTo(new StudyFigures.Point(round1 + 1, round1, round1 + 2, 3));
    // the same median the summary table shows for the rounds (the headline is the bandwidth)
    TrialSeries series =
        run.trialSeries().stream()
            .filter(s -> s.runtime().equals("runc") && s.group().endsWith("disk.write.1m"))
            .findFirst()
            .orElseThrow();
    assertThat(series.name()).isEqualTo("bandwidth");
    assertThat(runc1m.median()).isEqualTo(series.median());
  }

  @Test
  void drawsTheOtherStudyFiguresOneChartAcrossTheRuntimesAndLeavesOutWhatTheStudiesDoNotHave() {
    // GIVEN iperf3 (two directions) and sysbench cpu on host and runc, their measurements in two
    // tests for cpu, and a measurement of a probe no study has
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("runc", "host")) {
      double factor = runtime.equals("host") ? 1 : 0.5;
      ReportRuns.invocation(reports, "network", runtime, outcomes)
          .add(
              ReportRuns.timed(
                  Measurement.builder(
                          Probes.networkThroughput().name(),
                          runtime,
                          Probes.networkThroughput().parameters())
                      .figure("hostToSandbox", "Gbit/s", 10 * factor, Figure.Better.HIGHER)
                      .figure("sandboxToHost", "Gbit/s", 8 * factor, Figure.Better.HIGHER)
                      .build()));
      for (String method : List.of("cpu", "cpuAgain")) {
        ReportRuns.invocation(reports, method, runtime, outcomes)
            .add(
                ReportRuns.timed(
                    Measurement.builder(Probes.cpu().name(), runtime, Probes.cpu().parameters())
                        .figure(
                            "eventsPerSecond",
                            "events/s",
                            method.equals("cpu") ? 1000 * factor : 1100 * factor,
                            Figure.Better.HIGHER)
                        .build()));
      }
      ReportRuns.invocation(reports, "own", runtime, outcomes)
          .add(
              ReportRuns.timed(
                  Measurement.builder("my.probe", runtime, Map.of())
                      .figure("x", "ops/s", 1, Figure.Better.HIGHER)
                      .build()));
    }
    RunResult run = collect(outcomes);

    // WHEN
    StudyFigures figures = StudyFigures.of(run);

    // THEN iperf3 before CPU (docs/metrics.md's order), the runtimes on the x axis, host first
    assertThat(figures.charts())
        .extracting(StudyFigures.Chart::title, StudyFigures.Chart::labels)
        .containsExactly(
            tuple("iperf3: TCP throughput, both directions", List.of("host", "runc")),
            tuple("CPU: sysbench cpu events per second", List.of("host", "runc")));
    // both directions in one chart, a series each
    assertThat(figures.charts().get(0).series())
        .extracting(StudyFigures.Series::name, StudyFigures.Series::medians)
        .containsExactly(
            tuple("hostToSandbox", List.of(10.0, 5.0)), tuple("sandboxToHost", List.of(8.0, 4.0)));
    // the two tests' cpu measurements with the same parameters: one bar, their median and range
    assertThat(figures.charts().get(1).series().get(0).points())
        .containsExactly(
            new StudyFigures.Point(1050, 1000, 1100, 2), new StudyFigures.Point(525, 500, 550, 2));
    assertThat(figures.charts().get(1).caption()).contains("Li et al.", "Goyal");
    // Goyal's runsc / runc and Incus / runc beside this run's: neither runsc nor Incus here;
    // iperf3 has no published ratio
    assertThat(figures.charts().get(1).published())
        .extracting(p -> p.ratio().pair(), p -> p.thisRun().isPresent())
        .containsExactly(tuple("runsc / runc", false), tuple("incus / runc", false));
    assertThat(figures.charts().get(0).published()).isEmpty();
    assertThat(figures.charts()).extracting(StudyFigures.Chart::id).doesNotHaveDuplicates();
  }

  @Test
  void setsEachRatioAStudyPublishesBesideTheSameRatioOfThisRunsChart() {
    // GIVEN getpid on the host (100 ns a call) and on gVisor's 2024 ptrace build (3,800 ns), but
    // not on its 2022 build: Li et al.'s gVisor-ptrace / host stands beside both builds' ratios
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("runsc-ptrace", "host")) {
      long nanos = runtime.equals("host") ? 100 : 3_800;
      ReportRuns.invocation(reports, "getpid", runtime, outcomes)
          .add(ReportRuns.timed(Measurements.getpid(runtime, nanos, nanos, nanos)));
    }

    // WHEN
    StudyFigures figures = StudyFigures.of(collect(outcomes));

    // THEN the chart's mean per call: 38x here beside the study's 36x; no 2022 build in this run
    StudyFigures.Chart getpid = figures.charts().get(0);
    assertThat(getpid.title()).isEqualTo("getpid: mean time per call");
    assertThat(getpid.published())
        .extracting(p -> p.ratio().pair(), p -> p.ratio().ratio())
        .containsExactly(tuple("runsc-ptrace / host", 36.0), tuple("runsc-20221219 / host", 36.0));
    assertThat(getpid.published().get(0).thisRun().orElseThrow()).isCloseTo(38, within(0.1));
    assertThat(getpid.published().get(1).thisRun()).isEmpty();
    assertThat(figures.toJson())
        .contains(
            "\"studyPair\" : \"gVisor-ptrace / host\"",
            "\"studyRatio\" : \"36x\"",
            "\"thisRun\" : \"38x\"",
            "\"thisRun\" : \"not measured in this run\"");
  }

  @Test
  void drawsEachStartupEndPointInAChartOfItsOwn() {
    // GIVEN launches timed until the first output and until the network was up, on host and runc
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("host", "runc")) {
      for (StartupProbe.EndPoint endPoint : StartupProbe.EndPoint.values()) {
        StartupProbe probe = Probes.startup().until(endPoint);
        double ms = (runtime.equals("host") ? 1 : 200) + endPoint.ordinal();
        ReportRuns.invocation(reports, endPoint.headlineFigure(), runtime, outcomes)
            .add(
                ReportRuns.timed(
                    Measurement.builder(probe.name(), runtime, probe.parameters())
                        .figure(endPoint.headlineFigure(), "ms", ms, Figure.Better.LOWER)
                        .figure(endPoint.phaseFigure(), "ms", 0.5, Figure.Better.LOWER)
                        .build()));
      }
    }

    // WHEN
    StudyFigures figures = StudyFigures.of(collect(outcomes));

    // THEN one chart per end point (their settings differ), each drawn by its own headline
    assertThat(figures.charts())
        .extracting(c -> c.series().get(0).name(), c -> c.series().get(0).medians())
        .containsExactlyInAnyOrder(
            tuple("launchToReady", List.of(1.0, 200.0)),
            tuple("launchToNetwork", List.of(2.0, 201.0)));
    assertThat(figures.charts()).allSatisfy(c -> assertThat(c.series()).hasSize(1));
    assertThat(figures.charts())
        .filteredOn(c -> c.series().get(0).name().equals("launchToNetwork"))
        .singleElement()
        .satisfies(c -> assertThat(c.settings()).contains("endPoint=networkUp"))
        .satisfies(c -> assertThat(c.caption()).contains("launchToNetwork"));
  }

  @Test
  void ordersBlockSizesByBytesWhateverTheirSpelling() {
    // GIVEN labels as the probe writes them, as fio writes them, in bytes, and no size at all
    List<String> labels =
        new ArrayList<>(List.of("1MiB", "seq", "64k", "512B", "4096", "16KiB", "2GiB", "1m"));

    // WHEN
    labels.sort(StudyFigures.BY_BYTES);

    // THEN
    assertThat(labels).containsExactly("512B", "4096", "16KiB", "64k", "1MiB", "1m", "2GiB", "seq");
  }

  @Test
  void aRunWithoutStudyFiguresHasNoCharts() {
    // GIVEN a run of a probe no study has
    List<TestOutcome> outcomes = ReportRuns.writeHostileRun(reports, ReportRuns.HOSTILE);

    // WHEN
    StudyFigures figures = StudyFigures.of(collect(outcomes));

    // THEN
    assertThat(figures.charts()).isEmpty();
    assertThat(figures.toJson()).contains("\"charts\" : [ ]");
  }
}
