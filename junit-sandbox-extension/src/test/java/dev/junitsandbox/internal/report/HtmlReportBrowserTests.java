package dev.junitsandbox.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a generated {@code index.html} in a real headless Chromium (Debian's {@code chromium},
 * installed by {@code runtimes/setup.sh}): every chart must have painted its canvas, no script may
 * have failed, and the page is saved as {@code target/report-screenshot.png} (a run with rounds:
 * {@code target/report-rounds-screenshot.png}, with comparisons {@code
 * target/report-comparison-screenshot.png}, gated {@code target/report-gate-screenshot.png}, the
 * studies' disk figures {@code target/report-study-figures-screenshot.png}, with a run history's
 * trend {@code target/report-trend-screenshot.png}) for people to look at.
 */
class HtmlReportBrowserTests {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");
  private static final Path ROUNDS_SCREENSHOT = Path.of("target", "report-rounds-screenshot.png");
  private static final Path COMPARISON_SCREENSHOT =
      Path.of("target", "report-comparison-screenshot.png");
  private static final Path GATE_SCREENSHOT = Path.of("target", "report-gate-screenshot.png");
  private static final Path STUDY_SCREENSHOT =
      Path.of("target", "report-study-figures-screenshot.png");
  private static final Path TREND_SCREENSHOT = Path.of("target", "report-trend-screenshot.png");
  // flags from the machine notes: no sandbox as root, and no background traffic to the internet
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--hide-scrollbars",
          "--window-size=1400,2600",
          "--virtual-time-budget=5000",
          "--enable-logging=stderr",
          "--v=0");

  @TempDir Path reports;
  @TempDir Path profile;

  @Test
  void everyChartRendersWithoutScriptErrors() throws Exception {
    // GIVEN the report of a run with latencies, figures with samples and a skip
    assertThat(CHROMIUM)
        .as("headless Chromium is needed; runtimes/setup.sh installs Debian's chromium package")
        .isExecutable();
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                ReportRuns.writeRun(reports),
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");
    run(html, "--screenshot=" + SCREENSHOT.toAbsolutePath());

    // THEN getpid: 2 latency charts; nginx: req/s + 2 latency charts; footprint: 2 figure charts;
    // the studies' figures: getpid across the runtimes, with the published ratios under it
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("8");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("8");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    assertThat(page.dom())
        .contains(
            "Example.getpid · syscall.getpid", "kata-fc", "450 req/s (0.02x)", "--network=host")
        .contains("1 SKIPPED: Runtime kata-fc is not registered with the Docker daemon (1)")
        // the environment's runtime table: gVisor's platform and network mode, which ran
        .contains(
            "<th>platform</th><th>network</th>",
            "<td>runsc version 1</td><td>ptrace</td><td>host</td>")
        // under the getpid study chart, Li et al.'s gVisor-ptrace / host beside this run's: no
        // ptrace gVisor in this run
        .contains(
            "<tr data-pair=\"runsc-ptrace / host\"><td>Li et al. 2021: gVisor-ptrace / host"
                + " 36x</td>"
                + "<td class=\"pair\">runsc-ptrace / host: not measured in this run</td>")
        // a run without a gate has no gate section
        .doesNotContain("id=\"gate\"", "href=\"#gate\"");
    assertThat(SCREENSHOT).isRegularFile();
    assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
  }

  @Test
  void aRunThatMeasuredNothingSaysSoAtTheTop() throws Exception {
    // GIVEN a run whose only test was skipped
    assertThat(CHROMIUM).isExecutable();
    List<TestOutcome> skipped =
        List.of(
            new TestOutcome(
                "[engine:junit-jupiter]/[class:Example]/[method:getpid]/[#1]",
                "getpid() [runsc]",
                TestOutcome.Status.SKIPPED,
                "Runtime runsc needs Docker, but connection refused"));
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                skipped,
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");

    // THEN
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.dom())
        .contains(
            "data-status=\"NOTHING_MEASURED\"",
            "This run measured nothing: none of its 1 tests and containers took a measurement",
            "1 SKIPPED: Runtime runsc needs Docker, but connection refused (1)");
  }

  @Test
  void hostileNamesShowAsTextAndBreakNothing() throws Exception {
    // GIVEN a run whose test names, probe, parameters, notes and reasons hold markup that would end
    // the page's inline script or open an HTML comment in it, quotes and non-ASCII text
    assertThat(CHROMIUM).isExecutable();
    List<TestOutcome> outcomes =
        new ArrayList<>(ReportRuns.writeHostileRun(reports, ReportRuns.HOSTILE));
    outcomes.addAll(ReportRuns.writeComparisonRun(reports, ReportRuns.HOSTILE, true));
    outcomes.addAll(ReportRuns.writeGatedRun(reports, ReportRuns.HOSTILE));
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                outcomes,
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");

    // THEN the page painted all its charts (host and runc: 1 figure chart, latency, percentiles;
    // the comparisons: 4 trials charts and their measurements' 3; the gated rounds: the rounds
    // chart, latency and percentiles, 4 charts of the gated figures' rounds, and their getpid in
    // the studies' figures)
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("18");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("18");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    // and shows every hostile name as text: escaped in the DOM, never an element of its own
    String asText = "&lt;!--&lt;script&gt;alert(1)&lt;/script&gt;";
    assertThat(page.dom())
        .contains(asText + " \"double\" 'single' &amp;amp; ünïcödé ✓ 😀")
        .contains("failing " + asText, "skipped " + asText, "reason " + asText)
        .contains("note " + asText, "mode=" + asText)
        .contains("Example.getpidWithinTwiceTheHost · " + asText + " \"double\"")
        // the gate's tables name the hostile test as text too
        .contains("<td>Example.getpid()" + asText + " \"double\"")
        .contains("id=\"gate\"");
    assertThat(Pattern.compile("<script").matcher(page.dom()).results().count())
        .as("script elements in the DOM: Chart.js, the data, the renderer")
        .isEqualTo(3);
    assertThat(page.dom()).doesNotContain("<script>alert(1)");
  }

  @Test
  void showsTheRoundsOfAMatrixAsMedianRangeAndAChartInRunOrder() throws Exception {
    // GIVEN the report of 3 rounds of getpid on host and runc
    assertThat(CHROMIUM).isExecutable();
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                ReportRuns.writeRoundsRun(reports),
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");
    run(html, "--screenshot=" + ROUNDS_SCREENSHOT.toAbsolutePath());

    // THEN the rounds chart, the latency chart, the percentiles and getpid in the studies'
    // figures, all painted
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("4");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("4");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    // each round's value in run order per runtime (us), the median with its ratio and range
    assertThat(page.dom())
        .contains("data-chart=\"rounds\" data-values=\"host: 0.1 0.13 0.11; runc: 0.15 0.12 0.3\"")
        .contains("150 ns (1.36x)<br><span class=\"range\">120-300 ns, 3 rounds</span>")
        .contains("110 ns<br><span class=\"range\">100-130 ns, 3 rounds</span>")
        .contains("host round 3, runc round 1");
  }

  @Test
  void showsEachComparisonWithItsTrialsInRunOrderItsIntervalAndItsVerdict() throws Exception {
    // GIVEN getpid on runc against the host (runc slower in every trial) and http on crun against
    // runc (4 trials per side: too few to bound the interval)
    assertThat(CHROMIUM).isExecutable();
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                ReportRuns.writeComparisonRun(reports, "syscall.getpid"),
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");
    run(html, "--screenshot=" + COMPARISON_SCREENSHOT.toAbsolutePath());

    // THEN a trials chart per compared figure (getpid: p50, p99, mean; http: requests/s), and the
    // measurements' own charts (getpid: latency and percentiles; http: requests/s), all painted
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("7");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("7");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    // both sides' series, each value where its trial ran: ABBA BAAB ABBA (us)
    assertThat(page.dom())
        .contains(
            "data-chart=\"trials\" data-values=\"A: runc: 0.13 0.127 0.125 0.135 0.128 0.131;"
                + " B: host: 0.1 0.102 0.098 0.101 0.099 0.103\"",
            "data-values=\"A: crun: 1000 1040 980 1010; B: runc: 1020 970 1005 1035\"")
        .contains(
            "<h3>Example.getpidWithinTwiceTheHost · syscall.getpid: runc vs host</h3>",
            "trials: 6 of A (runc), 6 of B (host)")
        // the p50 row: medians, ratio, verdict with its mark; the rule it was decided by
        .containsPattern(
            "<tr data-verdict=\"WORSE\"><td>p50</td><td class=\"number\">129 ns</td>"
                + "<td class=\"number\">10[01] ns</td><td class=\"number\">1.28x</td>"
                + "<td class=\"number\">\\[[0-9.]+, [0-9.]+\\]</td><td class=\"number\">"
                + "[0-9.e-]+</td><td class=\"number\">6\\+6</td>"
                + "<td class=\"verdict-worse\">- worse</td></tr>")
        // too few trials for a bound: the interval is open, the verdict inconclusive
        .containsPattern(
            "<td class=\"number\">\\[0, inf\\]</td><td class=\"number\">[0-9.]+</td>"
                + "<td class=\"number\">4\\+4</td><td class=\"verdict-inconclusive\">~"
                + " inconclusive</td>")
        .contains("rule: equivalent if the 99% interval of the ratio A/B lies inside [0.95, 1.05]")
        // the interval drawn against the equivalence band, and the bound's absence said
        .contains("class=\"interval\"", "equivalent: 0.95-1.05")
        .contains("the bound a test asserted is not recorded in the report")
        .contains("<a href=\"#comparisons\">Comparisons</a>")
        // a single trial is no figure of its runtime: the ratio-to-host table leaves them out
        .contains("2 groups of comparison trials are not in this table")
        .doesNotContain("<td><a href=\"#group-0\">", "<td><a href=\"#group-1\">")
        // nor are they the runtimes' figures in the studies' figures: the section is left out
        .doesNotContain("id=\"study-figures\"", "href=\"#study-figures\"");
    assertThat(COMPARISON_SCREENSHOT).isRegularFile();
  }

  @Test
  void showsTheGateAgainstTheBaselineAndTheJudgedComparisons() throws Exception {
    // GIVEN rounds of getpid gated against a stored baseline (runc p50 a regression, p99 and mean
    // inconclusive, host p50 no change) and two comparisons the gate judged (getpid on runc
    // against the host a regression, http on crun against runc inconclusive)
    assertThat(CHROMIUM).isExecutable();
    List<TestOutcome> outcomes = new ArrayList<>(ReportRuns.writeGatedRun(reports, ""));
    outcomes.addAll(ReportRuns.writeComparisonRun(reports, "syscall.getpid", true));
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                outcomes,
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");
    run(html, "--screenshot=" + GATE_SCREENSHOT.toAbsolutePath());

    // THEN the rounds' 3 charts and their getpid in the studies' figures, the comparisons' 7 (their
    // trials are no study figure), and one chart of the rounds of both runs per gated figure (4),
    // all painted
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("15");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("15");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    String dom = page.dom();
    assertThat(dom)
        .contains("<nav id=\"toc\"><a href=\"#gate\">Gate</a>")
        // the baseline's provenance
        .contains(
            "Baseline: baselines/ci.json (run 20251220T100000Z-1a2b3c4d, started"
                + " 2025-12-20T10:00:00Z).")
        .contains("4 figures gated: 1 regression, 1 no change, 2 inconclusive.")
        // a row per figure: medians, change, interval, p, trials, tolerance, verdict with its mark
        .containsPattern(
            "<tr data-gate=\"REGRESSION\" class=\"gate-regression\"><td>Example.getpid\\(\\)</td>"
                + "<td>runc</td><td><a href=\"#gate-figure-[0-9]\">p50</a></td>"
                + "<td>relative to host</td><td class=\"number\">121 ns -&gt; 151 ns</td>"
                + "<td class=\"number\">\\+25.0%</td><td class=\"number\">\\[1.20, 1.30\\]</td>"
                + "<td class=\"number\">0.0022</td><td class=\"number\">6\\+6</td>"
                + "<td class=\"number\">±5%</td>"
                + "<td class=\"gate-regression\" data-gate=\"REGRESSION\">- regression</td></tr>")
        .containsPattern(
            "<td>host</td><td><a href=\"#gate-figure-[0-9]\">p50</a></td><td>direct</td>"
                + "<td class=\"number\">100 ns -&gt; 100 ns</td><td class=\"number\">\\+0.0%</td>"
                + ".*?<td class=\"gate-no-change\" data-gate=\"NO_CHANGE\">= no change</td>")
        .containsPattern(
            "p99</a></td>.*?<td class=\"number\">\\[0.700, 1.90\\]</td>"
                + "<td class=\"number\">0.39</td><td class=\"number\">6\\+6</td>"
                + "<td class=\"number\">±10%</td><td class=\"gate-inconclusive\""
                + " data-gate=\"INCONCLUSIVE\">~ inconclusive</td>")
        // no statistics without the baseline's rounds: dashes, this run's rounds only
        .containsPattern(
            "<td>-</td><td class=\"number\">- -&gt; 161 ns</td><td class=\"number\">-</td>"
                + "<td class=\"number\">-</td><td class=\"number\">-</td>"
                + "<td class=\"number\">0\\+6</td>")
        .contains("No interval: mean of Example.getpid() on runc (syscall.getpid) is inconclusive")
        // what changed, once for all figures
        .contains(
            "<ul class=\"changes\"><li>kernel: 6.1.0 -&gt; 6.12.0</li>"
                + "<li>runtime runc version: runc 1.1.5 -&gt; runc 1.1.12</li></ul>")
        // trial dots: the baseline's rounds, then this run's (us)
        .contains(
            "data-chart=\"gate-trials\" data-values=\"baseline: 0.12 0.118 0.125 0.122 0.119 0.121;"
                + " this run: 0.15 0.152 0.149 0.155 0.151 0.148\"",
            "data-values=\"baseline: ; this run: 0.16 0.158 0.17 0.162 0.161 0.159\"")
        // the interval against the figure's tolerance, drawn as the comparisons draw theirs
        .contains("tolerance (ratio to host): 0.95-1.05", "tolerance: 0.95-1.05")
        .contains("tolerance (ratio to host): 0.9-1.1");
    assertThat(Pattern.compile("class=\"interval\"").matcher(dom).results().count())
        .as("interval strips: 3 gated figures with statistics, 4 compared figures")
        .isEqualTo(7);
    // the judged comparisons: a row per figure in the gate section, a gate column in theirs
    assertThat(dom)
        .containsPattern(
            "<tr data-gate=\"REGRESSION\" class=\"gate-regression\">"
                + "<td>Example.getpidWithinTwiceTheHost</td><td><a href=\"#comparison-0\">"
                + "runc vs host</a></td><td>p50</td><td class=\"number\">10[01] ns -&gt; 129 ns</td>"
                + "<td class=\"number\">\\+2[78].[0-9]%</td>")
        .containsPattern(
            "<td><a href=\"#comparison-1\">crun vs runc</a></td><td>requestsPerSecond</td>"
                + ".*?<td class=\"number\">4\\+4</td><td class=\"number\">±5%</td>"
                + "<td class=\"gate-inconclusive\" data-gate=\"INCONCLUSIVE\">~ inconclusive</td>")
        .contains("Example.getpidWithinTwiceTheHost · runc vs host: - regression; what changed: ")
        .contains("<th>verdict</th><th>gate</th>")
        .containsPattern(
            "<td class=\"verdict-worse\">- worse</td>"
                + "<td class=\"gate-regression\" data-gate=\"REGRESSION\">- regression</td></tr>");
    assertThat(GATE_SCREENSHOT).isRegularFile();
  }

  @Test
  void aBaselineThatCannotBeUsedIsSaidInTheGateSection() throws Exception {
    // GIVEN rounds gated against a baseline file that is missing
    assertThat(CHROMIUM).isExecutable();
    List<TestOutcome> outcomes = ReportRuns.writeRoundsRun(reports);
    GateFile.write(
        reports.resolve("Example/getpid/runc/round-3"),
        ReportRuns.RUN_ID,
        new BaselineGate(
            "baselines/missing.json",
            null,
            List.of(),
            "The gate's baseline baselines/missing.json cannot be used: no such file. Fix: save one",
            List.of()));
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                outcomes,
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");

    // THEN the problem in place of the table, and the rounds' own charts as before
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("4");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.dom())
        .contains("<a href=\"#gate\">Gate</a>", "Baseline: baselines/missing.json.")
        .contains(
            "data-status=\"BASELINE_PROBLEM\">The gate's baseline baselines/missing.json cannot"
                + " be used: no such file. Fix: save one</div>")
        .contains("No figure was gated.")
        .doesNotContain("<table class=\"gate\">");
  }

  @Test
  void drawsTheDiskResultsAsTheStudiesDidOneChartPerPatternByBlockSize() throws Exception {
    // GIVEN fio on host and runc, 2 patterns x 3 block sizes (measured 1MiB, 4KiB, 64KiB), in 3
    // rounds each 1 MiB/s above the one before
    assertThat(CHROMIUM).isExecutable();
    Path html =
        RunReport.write(
            reports,
            RunReport.collect(
                reports,
                ReportRuns.writeDiskRun(reports, 3, false),
                List.of(ReportRuns.RUN_ID),
                ReportRuns.STARTED,
                ReportRuns.STARTED.plusSeconds(60)));

    // WHEN
    Chromium page = run(html, "--dump-dom");
    run(html, "--screenshot=" + STUDY_SCREENSHOT.toAbsolutePath());

    // THEN the studies' 2 charts, and per pattern and block size the rounds, bandwidth and IOPS
    // (6 x 3), all painted
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("20");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("20");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    String dom = page.dom();
    assertThat(dom)
        .contains("<a href=\"#summary\">Ratio to host</a><a href=\"#study-figures\">")
        .contains("<h2>The studies' figures</h2>");
    // per pattern: block sizes by bytes, one series per runtime (medians of the rounds, MiB/s),
    // and each median's smallest to largest round
    assertThat(
            Pattern.compile(
                    "data-chart=\"study\" data-labels=\"([^\"]*)\" data-values=\"([^\"]*)\"")
                .matcher(dom)
                .results()
                .map(m -> m.group(1) + " | " + m.group(2))
                .toList())
        .containsExactly(
            "4KiB 64KiB 1MiB | host: 3 18 258; runc: 4 34 514",
            "4KiB 64KiB 1MiB | host: 2 17 257; runc: 3 33 513");
    assertThat(dom)
        .contains("data-ranges=\"host: 2-4 17-19 257-259; runc: 3-5 33-35 513-515\"")
        .contains(
            "Sequential write (fio rw=write): bandwidth by block size",
            "Random read (fio rw=randread): bandwidth by block size")
        .contains("(their figures 7 to 10;", "Settings: tool=fio, fileSize=256MiB");
    assertThat(STUDY_SCREENSHOT).isRegularFile();
  }

  @Test
  void showsTheTrendOfEachSeriesOverTheRunHistory() throws Exception {
    // GIVEN a run of 3 rounds on host and runc, and a history of the same run two days and one day
    // before, the day before gated with a regression of runc
    assertThat(CHROMIUM).isExecutable();
    RunResult run =
        RunReport.collect(
            reports,
            ReportRuns.writeRoundsRun(reports),
            List.of(ReportRuns.RUN_ID),
            ReportRuns.STARTED,
            ReportRuns.STARTED.plusSeconds(60));
    Path history = reports.resolve("history").resolve("runs.jsonl");
    HistoryLine line = RunHistory.line(run);
    RunHistory.append(history, earlier(line, 2, null));
    RunHistory.append(history, earlier(line, 1, GateVerdict.REGRESSION));
    Path html = RunReport.write(reports, run, RunHistory.record(history, run));

    // WHEN
    Chromium page = run(html, "--dump-dom");
    run(html, "--screenshot=" + TREND_SCREENSHOT.toAbsolutePath());

    // THEN the rounds' 3 charts, their getpid in the studies' figures and a trend chart per series,
    // all painted; 3 points each, this run's last, the regression marked where it was
    assertThat(page.bodyAttribute("data-charts-expected")).isEqualTo("6");
    assertThat(page.bodyAttribute("data-charts-rendered")).isEqualTo("6");
    assertThat(page.bodyAttribute("data-errors")).isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    assertThat(page.dom())
        .contains("<a href=\"#trend\">Trend</a>")
        .contains("The last 3 of 3 runs in the history " + history)
        .contains(
            "data-chart=\"trend\" data-series=\"Example.getpid · syscall.getpid · host · p50\""
                + " data-points=\"3\" data-values=\"0.11 0.11 0.11\" data-verdicts=\". . .\"")
        .contains(
            "data-chart=\"trend\" data-series=\"Example.getpid · syscall.getpid · runc · p50\""
                + " data-points=\"3\" data-values=\"0.15 0.15 0.15\""
                + " data-verdicts=\". REGRESSION .\"");
  }

  /** {@code line} as if its run had started {@code days} earlier, gated with {@code verdict}. */
  private static HistoryLine earlier(HistoryLine line, int days, GateVerdict verdict) {
    Duration back = Duration.ofDays(days);
    return new HistoryLine(
        line.schema(),
        List.of("earlier-" + days),
        line.started().minus(back),
        line.finished().minus(back),
        line.environment(),
        line.runtimes(),
        verdict == null ? null : "baselines/ci.json",
        line.series().stream()
            .map(
                s ->
                    new HistoryLine.Series(
                        s.group(),
                        s.runtime(),
                        s.figure(),
                        s.unit(),
                        s.better(),
                        s.median(),
                        s.min(),
                        s.max(),
                        s.trials(),
                        s.medianText(),
                        s.rangeText(),
                        s.runtime().equals("runc") ? verdict : null,
                        s.runtime().equals("runc") && verdict != null ? 1.4 : null,
                        null))
            .toList());
  }

  private Chromium run(Path html, String action) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(CHROMIUM.toString());
    command.addAll(FLAGS);
    command.add("--user-data-dir=" + profile);
    command.add(action);
    command.add(html.toUri().toString());
    Path out = Files.createTempFile(reports, "chromium", ".out");
    Path err = Files.createTempFile(reports, "chromium", ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish within 60 s: " + String.join(" ", command));
    }
    assertThat(process.exitValue())
        .as("chromium's exit status; stderr: %s", Files.readString(err))
        .isZero();
    return new Chromium(
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** What one headless run printed: the DOM after scripts ran, and its log with console lines. */
  private record Chromium(String dom, String log) {

    String bodyAttribute(String name) {
      Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
      assertThat(body.find()).as("a <body> in the dumped DOM").isTrue();
      Matcher attribute = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body.group(1));
      assertThat(attribute.find()).as("attribute %s on <body %s>", name, body.group(1)).isTrue();
      return attribute.group(1);
    }

    List<String> consoleMessages() {
      return log.lines().filter(line -> line.contains(":CONSOLE")).toList();
    }
  }
}
