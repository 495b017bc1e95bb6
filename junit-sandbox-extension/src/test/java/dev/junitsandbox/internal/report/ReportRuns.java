package dev.junitsandbox.internal.report;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.probe.builtin.DiskIoProbe;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.ComparisonResult;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RuntimeDescription;
import dev.junitsandbox.report.TestOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A small run's invocation reports, written the way the extension writes them. */
final class ReportRuns {

  static final Environment ENVIRONMENT =
      new Environment("6.1.0", "AMD EPYC", 2, "Debian GNU/Linux 12", "20.10.24", "1.41", "17");

  /** The id of the runs below. */
  static final String RUN_ID = "20260101T000000Z-0000abcd";

  /** Well before any file a test writes: the runs below start here. */
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  private ReportRuns() {}

  /**
   * Writes the invocation reports of a small run (getpid, an HTTP figure with samples and a latency
   * distribution, a figures-only footprint, one skipped Kata invocation) and returns its outcomes.
   */
  static List<TestOutcome> writeRun(Path reports) {
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("host", "runc", "runsc")) {
      long factor =
          switch (runtime) {
            case "runc" -> 12;
            case "runsc" -> 1_300;
            default -> 10;
          };
      InvocationReport getpid = invocation(reports, "getpid", runtime, outcomes);
      getpid.add(
          timed(Measurements.getpid(runtime, 10 * factor, 11 * factor, 12 * factor, 40 * factor)));
      InvocationReport http = invocation(reports, "nginx", runtime, outcomes);
      http.add(timed(http(runtime, runtime.equals("runsc") ? 450 : 25_000)));
      if (!runtime.equals("host")) {
        InvocationReport footprint = invocation(reports, "footprint", runtime, outcomes);
        double base = runtime.equals("runsc") ? 60 : 4;
        footprint.add(
            Measurement.builder("memory.footprint", runtime, Map.of("containers", "3"))
                .figure(
                    Figure.meanOf(
                        "pss", "MiB", Figure.Better.LOWER, List.of(base, base + 1, base + 2)))
                .figure(
                    Figure.meanOf(
                        "privateDirty",
                        "MiB",
                        Figure.Better.LOWER,
                        List.of(base - 1, base, base + 1)))
                .note("averaged over 3 idle containers")
                .build());
      }
    }
    outcomes.add(
        new TestOutcome(
            "[engine:junit-jupiter]/[class:Example]/[method:getpid]/[#4]",
            "getpid() [kata-fc]",
            TestOutcome.Status.SKIPPED,
            "Runtime kata-fc is not registered with the Docker daemon"));
    return outcomes;
  }

  /** The getpid p50 of each round of {@link #writeRoundsRun}: host, then runc. */
  static final Map<String, List<Long>> ROUND_NANOS =
      Map.of("host", List.of(100L, 130L, 110L), "runc", List.of(150L, 120L, 300L));

  /**
   * Writes the invocation reports of a matrix with 3 rounds of getpid on host and runc, each
   * invocation in the folder of its round as the extension names it, in run order (host, runc,
   * host, runc, ...), and returns its outcomes.
   */
  static List<TestOutcome> writeRoundsRun(Path reports) {
    List<TestOutcome> outcomes = new ArrayList<>();
    for (int round = 1; round <= 3; round++) {
      for (String runtime : List.of("host", "runc")) {
        String name = "getpid() [" + runtime + "] round " + round + " of 3";
        String uniqueId =
            "[engine:junit-jupiter]/[class:Example]/[test-template:getpid()]/[test-template-invocation:#"
                + (outcomes.size() + 1)
                + "]";
        outcomes.add(new TestOutcome(uniqueId, name, TestOutcome.Status.SUCCESSFUL, ""));
        InvocationResult of = invocationOf("dev.example.Example", "getpid", uniqueId, runtime);
        InvocationReport report =
            new InvocationReport(
                reports.resolve("Example/getpid/" + runtime + "/round-" + round),
                RUN_ID,
                new InvocationResult(
                        of.testClass(),
                        of.testMethod(),
                        name,
                        uniqueId,
                        of.runtime(),
                        null,
                        "",
                        List.of(),
                        null)
                    .inRound(round, 3),
                ENVIRONMENT);
        report.add(timed(Measurements.getpid(runtime, ROUND_NANOS.get(runtime).get(round - 1))));
      }
    }
    return outcomes;
  }

  /** The block sizes of {@link #writeDiskRun}, in the order it measures them: not by size. */
  static final List<Long> DISK_BLOCK_SIZES = List.of(Probes.mib(1), Probes.kib(4), Probes.kib(64));

  /** The patterns of {@link #writeDiskRun}. */
  static final List<DiskIoProbe.Pattern> DISK_PATTERNS =
      List.of(DiskIoProbe.Pattern.RANDOM_READ, DiskIoProbe.Pattern.SEQUENTIAL_WRITE);

  /**
   * The MiB/s {@link #writeDiskRun} records: KiB per block / 4 on the host, twice that on runc,
   * plus 1 for writes, plus the round (1 to {@code rounds}) minus 1, so every value says where it
   * came from: host randread 4KiB is 1, runc write 1MiB in round 3 is 516 + 1 + 2.
   */
  static double diskMibPerSecond(
      String runtime, DiskIoProbe.Pattern pattern, long blockSize, int round) {
    return blockSize / 1024.0 / 4 * (runtime.equals("host") ? 1 : 2)
        + (pattern.isRead() ? 0 : 1)
        + (round - 1);
  }

  /**
   * Writes the invocation reports of the fio matrix of a disk study ({@code DiskIoStudy}) on host
   * and runc: per pattern of {@link #DISK_PATTERNS} a test method measuring the block sizes {@link
   * #DISK_BLOCK_SIZES} in one invocation per runtime (and round, for {@code rounds} of 2 or more),
   * with the probe's own names and parameters and {@link #diskMibPerSecond} as bandwidth; and, with
   * {@code compared}, a comparison of 64KiB random reads on runc against the host whose trials
   * (10,000 MiB/s and more, far off the matrix's) must not count as the runtimes' figures. Returns
   * the outcomes.
   */
  static List<TestOutcome> writeDiskRun(Path reports, int rounds, boolean compared) {
    List<TestOutcome> outcomes = new ArrayList<>();
    for (DiskIoProbe.Pattern pattern : DISK_PATTERNS) {
      String method = "byBlockSize" + pattern.fioName();
      for (int round = 1; round <= rounds; round++) {
        for (String runtime : List.of("runc", "host")) {
          InvocationReport report =
              roundInvocation(reports, method, runtime, round, rounds, outcomes);
          for (long blockSize : DISK_BLOCK_SIZES) {
            report.add(
                timed(
                    disk(
                        runtime,
                        pattern,
                        blockSize,
                        diskMibPerSecond(runtime, pattern, blockSize, round))));
          }
        }
      }
    }
    if (compared) {
      InvocationReport report = invocation(reports, "runcKeepsAQuarter", "runc", outcomes);
      report.add(
          compare(
              report,
              4,
              "runc",
              "host",
              (runtime, side, k) ->
                  disk(
                      runtime,
                      DiskIoProbe.Pattern.RANDOM_READ,
                      Probes.kib(64),
                      (side == Side.A ? 10_000 : 11_000) + k)));
    }
    return outcomes;
  }

  /** The report of {@code method} on {@code runtime} in {@code round} of {@code rounds}. */
  private static InvocationReport roundInvocation(
      Path reports,
      String method,
      String runtime,
      int round,
      int rounds,
      List<TestOutcome> outcomes) {
    if (rounds == 1) {
      return invocation(reports, method, runtime, outcomes);
    }
    String uniqueId =
        "[engine:junit-jupiter]/[class:Example]/[test-template:"
            + method
            + "()]/[test-template-invocation:#"
            + (outcomes.size() + 1)
            + "]";
    String name = method + "() [" + runtime + "] round " + round + " of " + rounds;
    outcomes.add(new TestOutcome(uniqueId, name, TestOutcome.Status.SUCCESSFUL, ""));
    InvocationResult of = invocationOf("dev.example.Example", method, uniqueId, runtime);
    return new InvocationReport(
        reports.resolve("Example/" + method + "/" + runtime + "/round-" + round),
        RUN_ID,
        new InvocationResult(
                of.testClass(),
                of.testMethod(),
                name,
                uniqueId,
                of.runtime(),
                null,
                "",
                List.of(),
                null)
            .inRound(round, rounds),
        ENVIRONMENT);
  }

  /** A fio measurement as {@link DiskIoProbe} makes it: its name, parameters and figures. */
  private static Measurement disk(
      String runtime, DiskIoProbe.Pattern pattern, long blockSize, double mibPerSecond) {
    DiskIoProbe probe = Probes.diskIo(pattern, blockSize);
    return Measurement.builder(probe.name(), runtime, probe.parameters())
        .figure("bandwidth", "MiB/s", mibPerSecond, Figure.Better.HIGHER)
        .figure("iops", "IOPS", mibPerSecond * 1024 * 1024 / blockSize, Figure.Better.HIGHER)
        .build();
  }

  /** The getpid nanos of each trial of {@link #writeComparisonRun}, per side in run order. */
  static final Map<Side, List<Long>> TRIAL_NANOS =
      Map.of(
          Side.A, List.of(130L, 127L, 125L, 135L, 128L, 131L),
          Side.B, List.of(100L, 102L, 98L, 101L, 99L, 103L));

  /**
   * The requests/s of each trial of {@link #writeComparisonRun}'s crun/runc comparison: 4 per side,
   * too few for any difference to be significant at alpha 0.01, so its interval is unbounded.
   */
  static final Map<Side, List<Double>> TRIAL_REQUESTS =
      Map.of(
          Side.A, List.of(1000.0, 1040.0, 980.0, 1010.0),
          Side.B, List.of(1020.0, 970.0, 1005.0, 1035.0));

  /**
   * Writes the invocation reports of two comparisons as the extension writes them, each trial's
   * measurement first, then the comparison: {@code probe} (a getpid-like latency probe) on runc
   * against the host ({@link #TRIAL_NANOS}: runc about 1.28x, 6 trials per side), and http on crun
   * against runc ({@link #TRIAL_REQUESTS}: 4 trials per side, no clear difference), in the balanced
   * order. Returns their outcomes.
   */
  static List<TestOutcome> writeComparisonRun(Path reports, String probe) {
    return writeComparisonRun(reports, probe, false);
  }

  /**
   * {@link #writeComparisonRun(Path, String)}, and where {@code judged} the gate's verdicts on both
   * comparisons under {@link GateRule#defaults()} as a test's {@code hasNoRegression()} records
   * them: getpid a regression (runc 1.28x the host), http inconclusive (4 trials a side).
   */
  static List<TestOutcome> writeComparisonRun(Path reports, String probe, boolean judged) {
    List<TestOutcome> outcomes = new ArrayList<>();
    InvocationReport getpid = invocation(reports, "getpidWithinTwiceTheHost", "runc", outcomes);
    record(
        getpid,
        judged,
        compare(
            getpid,
            6,
            "runc",
            "host",
            (runtime, side, k) ->
                new Measurement(
                    probe,
                    runtime,
                    "latency per call",
                    Map.of("calls", "10000"),
                    histogramOf(TRIAL_NANOS.get(side).get(k)))));
    InvocationReport http = invocation(reports, "httpLikeRunc", "crun", outcomes);
    record(
        http,
        judged,
        compare(
            http,
            4,
            "crun",
            "runc",
            (runtime, side, k) ->
                Measurement.builder("http", runtime, Map.of("connections", "64"))
                    .figure(
                        "requestsPerSecond",
                        "req/s",
                        TRIAL_REQUESTS.get(side).get(k),
                        Figure.Better.HIGHER)
                    .build()));
    return outcomes;
  }

  private static void record(InvocationReport report, boolean judged, Comparison comparison) {
    report.add(comparison);
    if (judged) {
      report.judged(
          comparison,
          ComparisonResult.SideBySideGate.of(Gate.judge(comparison, GateRule.defaults())));
    }
  }

  /** The stored baseline of {@link #writeGatedRun}, as {@code junit.sandbox.gate.baseline}. */
  static final String BASELINE = "baselines/ci.json";

  /** The baseline run's start and id in {@link #writeGatedRun}. */
  static final Instant BASELINE_STARTED = Instant.parse("2025-12-20T10:00:00Z");

  static final String BASELINE_RUN_ID = "20251220T100000Z-1a2b3c4d";

  /**
   * Writes the rounds run ({@link #writeRoundsRun}) gated against a stored baseline, its verdicts
   * in the {@code gate.json} of each runtime's last round as the extension writes them: runc's p50
   * a regression relative to the host (kernel and runc upgraded), its p99 inconclusive (a wide
   * interval), its mean inconclusive without statistics (the baseline has no rounds of it), and the
   * host's p50 no change. The verdicts are made by hand with their numbers: the page draws them and
   * computes none. Returns the run's outcomes.
   */
  static List<TestOutcome> writeGatedRun(Path reports, String hostile) {
    List<TestOutcome> outcomes = writeRoundsRun(reports);
    String test = "Example.getpid()" + hostile;
    List<String> changes =
        List.of("kernel: 6.1.0 -> 6.12.0", "runtime runc version: runc 1.1.5 -> runc 1.1.12");
    BaselineGate runc =
        baselineGate(
            List.of(
                verdict(
                    test,
                    "runc",
                    "p50",
                    BaselineGateFigure.RELATIVE_TO_HOST,
                    GateVerdict.REGRESSION,
                    List.of(120.0, 118.0, 125.0, 122.0, 119.0, 121.0),
                    List.of(150.0, 152.0, 149.0, 155.0, 151.0, 148.0),
                    new double[] {1.25, 1.2, 1.3, 0.0022},
                    changes,
                    "gate: p50 of " + test + " on runc (syscall.getpid) regressed"),
                verdict(
                    test,
                    "runc",
                    "p99",
                    BaselineGateFigure.RELATIVE_TO_HOST,
                    GateVerdict.INCONCLUSIVE,
                    List.of(400.0, 900.0, 420.0, 380.0, 1500.0, 410.0),
                    List.of(450.0, 1200.0, 390.0, 700.0, 430.0, 1600.0),
                    new double[] {1.1, 0.7, 1.9, 0.39},
                    changes,
                    "gate: p99 of " + test + " on runc (syscall.getpid) is inconclusive"),
                verdict(
                    test,
                    "runc",
                    "mean",
                    null,
                    GateVerdict.INCONCLUSIVE,
                    List.of(),
                    List.of(160.0, 158.0, 170.0, 162.0, 161.0, 159.0),
                    null,
                    changes,
                    "gate: mean of "
                        + test
                        + " on runc (syscall.getpid) is inconclusive: the baseline has no rounds of"
                        + " it. Save a new baseline to gate it.")));
    BaselineGate host =
        baselineGate(
            List.of(
                verdict(
                    test,
                    "host",
                    "p50",
                    BaselineGateFigure.DIRECT,
                    GateVerdict.NO_CHANGE,
                    List.of(100.0, 101.0, 99.0, 100.0, 102.0, 98.0),
                    List.of(100.0, 99.0, 101.0, 100.0, 100.0, 102.0),
                    new double[] {1.0, 0.98, 1.02, 0.8},
                    List.of("kernel: 6.1.0 -> 6.12.0"),
                    "gate: p50 of " + test + " on host (syscall.getpid) shows no change")));
    GateFile.write(reports.resolve("Example/getpid/runc/round-3"), RUN_ID, runc);
    GateFile.write(reports.resolve("Example/getpid/host/round-3"), RUN_ID, host);
    return outcomes;
  }

  private static BaselineGate baselineGate(List<BaselineGateFigure> figures) {
    return new BaselineGate(BASELINE, BASELINE_STARTED, List.of(BASELINE_RUN_ID), null, figures);
  }

  /** statistics: ratio, low, high, p; null where none were computed. */
  private static BaselineGateFigure verdict(
      String test,
      String runtime,
      String figure,
      String mode,
      GateVerdict verdict,
      List<Double> baselineValues,
      List<Double> currentValues,
      double[] statistics,
      List<String> changes,
      String message) {
    return new BaselineGateFigure(
        "[engine:junit-jupiter]/[class:Example]/[test-template:getpid()]/[" + runtime + "]",
        test,
        runtime,
        "syscall.getpid",
        figure,
        "ns",
        mode,
        verdict,
        baselineValues.isEmpty() ? null : median(baselineValues),
        median(currentValues),
        statistics == null ? null : statistics[0],
        statistics == null ? null : statistics[1],
        statistics == null ? null : statistics[2],
        statistics == null ? null : statistics[3],
        baselineValues.size(),
        currentValues.size(),
        baselineValues,
        currentValues,
        figure.equals("p99") ? 0.10 : 0.05,
        0.01,
        changes,
        message);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private interface TrialMeasurement {
    Measurement take(String runtime, Side side, int k);
  }

  /** Takes the trials in the balanced order, adding each to the report, and compares them. */
  private static Comparison compare(
      InvocationReport report,
      int trialsPerSide,
      String a,
      String b,
      TrialMeasurement measurement) {
    List<Trial> trials = new ArrayList<>();
    Map<Side, Integer> taken = new EnumMap<>(Side.class);
    List<Side> order = Comparison.balancedOrder(trialsPerSide);
    Measurement first = null;
    for (int index = 0; index < order.size(); index++) {
      Side side = order.get(index);
      int k = taken.merge(side, 1, Integer::sum) - 1;
      Instant start = STARTED.plusSeconds(1 + index);
      Measurement trial =
          measurement
              .take(side == Side.A ? a : b, side, k)
              .withTimedRegionIfAbsent(start, start.plusMillis(250));
      report.add(trial);
      trials.add(Trial.of(side, index, trial));
      first = first == null ? trial : first;
    }
    return Comparison.of(
        first.probe(), first.parameters(), a, b, ComparisonRule.defaults(), trials);
  }

  private static Histogram histogramOf(long nanos) {
    Histogram histogram = Measurement.newNanosHistogram();
    histogram.recordValue(nanos);
    return histogram;
  }

  /**
   * Markup that ends an inline script ({@code </script>}) or opens an HTML comment inside one
   * ({@code <!--<script>}, after which a later {@code </script>} no longer ends it), quotes, an
   * entity-like {@code &amp;}, non-ASCII text, the JavaScript line separator U+2028 and the page
   * template's placeholders, which must stay text where they occur inside the data.
   */
  static final String HOSTILE =
      "<!--<script>alert(1)</script> \"double\" 'single' &amp; ünïcödé ✓ 😀 \u2028 </script>"
          + " /*DATA*/ /*STUDY_FIGURES*/";

  /**
   * Writes a run in which every name a user controls is {@code hostile}: a getpid-like probe of
   * that name with a parameter and a note of it on host and runc, test display names, a failed and
   * a skipped test with reasons of it. Returns its outcomes.
   */
  static List<TestOutcome> writeHostileRun(Path reports, String hostile) {
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("host", "runc")) {
      String uniqueId = "[engine:junit-jupiter]/[class:Hostile]/[method:m]/[" + runtime + "]";
      outcomes.add(
          new TestOutcome(
              uniqueId, hostile + " [" + runtime + "]", TestOutcome.Status.SUCCESSFUL, ""));
      InvocationResult invocation = invocationOf("dev.example.Hostile", "m", uniqueId, runtime);
      InvocationReport report =
          new InvocationReport(
              reports.resolve("Hostile").resolve("m").resolve(runtime),
              RUN_ID,
              new InvocationResult(
                  invocation.testClass(),
                  invocation.testMethod(),
                  hostile + " [" + runtime + "]",
                  uniqueId,
                  invocation.runtime(),
                  null,
                  "",
                  List.of(),
                  null),
              ENVIRONMENT);
      Histogram latency = Measurement.newNanosHistogram();
      for (int i = 1; i <= 100; i++) {
        latency.recordValue(runtime.equals("host") ? 100 + i : 200 + i);
      }
      report.add(
          timed(
              Measurement.builder(hostile, runtime, Map.of("mode", hostile))
                  .latency(hostile, latency)
                  .figure(hostile, "ops/s", runtime.equals("host") ? 10 : 5, Figure.Better.HIGHER)
                  .note("note " + hostile)
                  .build()));
    }
    outcomes.add(
        new TestOutcome(
            "[engine:junit-jupiter]/[class:Hostile]/[method:f]",
            "failing " + hostile,
            TestOutcome.Status.FAILED,
            "reason " + hostile));
    outcomes.add(
        new TestOutcome(
            "[engine:junit-jupiter]/[class:Hostile]/[method:s]",
            "skipped " + hostile,
            TestOutcome.Status.SKIPPED,
            "reason " + hostile));
    return outcomes;
  }

  /** The measurement as a sandbox stamps it: timed from a second after the run started. */
  static Measurement timed(Measurement measurement) {
    return measurement.withTimedRegionIfAbsent(
        STARTED.plusSeconds(1), STARTED.plusSeconds(1).plusMillis(250));
  }

  private static Measurement http(String runtime, double requestsPerSecond) {
    Histogram latency = Measurement.newNanosHistogram();
    for (int i = 1; i <= 1_000; i++) {
      latency.recordValue((long) (1e9 / requestsPerSecond * (1 + i / 500.0)));
    }
    return Measurement.builder("http", runtime, Map.of("connections", "64", "seconds", "5"))
        .latency("request latency", latency)
        .figure(
            new Figure(
                "requestsPerSecond",
                "req/s",
                requestsPerSecond,
                Figure.Better.HIGHER,
                List.of(requestsPerSecond * 0.95, requestsPerSecond * 1.05)))
        .build();
  }

  static InvocationReport invocation(
      Path reports, String method, String runtime, List<TestOutcome> outcomes) {
    return invocation(reports, RUN_ID, method, runtime, outcomes);
  }

  /** The report of {@code method} on {@code runtime} in run {@code runId}; adds its outcome. */
  static InvocationReport invocation(
      Path reports, String runId, String method, String runtime, List<TestOutcome> outcomes) {
    String uniqueId =
        "[engine:junit-jupiter]/[class:Example]/[method:" + method + "]/[" + runtime + "]";
    outcomes.add(
        new TestOutcome(
            uniqueId, method + "() [" + runtime + "]", TestOutcome.Status.SUCCESSFUL, ""));
    return new InvocationReport(
        reports.resolve("Example").resolve(method).resolve(runtime),
        runId,
        invocationOf("dev.example.Example", method, uniqueId, runtime),
        ENVIRONMENT);
  }

  static InvocationResult invocationOf(
      String testClass, String method, String uniqueId, String runtime) {
    return new InvocationResult(
        testClass,
        method,
        method + "() [" + runtime + "]",
        uniqueId,
        new RuntimeDescription(
            runtime,
            runtime.equals("host") ? null : runtime,
            runtime.equals("runsc") ? "/usr/bin/runsc" : null,
            runtime.equals("runsc") ? List.of("--network=host") : List.of(),
            runtime + " version 1",
            runtime.equals("runsc") ? "ptrace" : "native",
            runtime.equals("host") ? "host" : runtime.equals("runsc") ? "host" : "container"),
        null,
        "",
        List.of(),
        null);
  }
}
