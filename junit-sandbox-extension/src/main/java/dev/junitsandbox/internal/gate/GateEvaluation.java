package dev.junitsandbox.internal.gate;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.LatencyResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.RuntimeDescription;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The verdict on one series of rounds of this run against the same series of the baseline.
 *
 * <p>The statistics are a comparison's ({@link Comparison#of}: ratio of medians, the Bauer/Moses
 * interval from the inverted Mann-Whitney U test, its p-value), with this run's rounds as side A
 * and the baseline's as side B; the decision is the {@link GateRule}'s. As Go's benchstat, the
 * medians of trials and a rank test; as Firecracker's A/B tests, a regression needs both
 * significance and a change beyond the tolerance; as Pinpoint, "cannot tell" is an answer.
 *
 * <p>Mode: where both runs measured the host in the same group, each round's value is divided by
 * the host's value of that round and the ratios are compared ({@value
 * BaselineGateFigure#RELATIVE_TO_HOST} ): the host ran seconds before, on the same machine in the
 * same state, so a machine that is slower today (another CPU model under the same name, a noisy
 * neighbour) slows both alike and the ratio keeps only what the runtime itself changed. What moves
 * the host too (a kernel upgrade) is judged by the host's own series, always {@value
 * BaselineGateFigure#DIRECT}.
 */
final class GateEvaluation {

  /** The rounds the default rule needs per side: fewer can never be significant at 0.01. */
  static final int MINIMUM_ROUNDS =
      new ComparisonRule(GateRule.DEFAULT_ALPHA, 0.05, false).minimumTrialsPerSide();

  private static final Median MEDIAN = Median.withDefaults().withCopy(true);

  private GateEvaluation() {}

  /**
   * @param uniqueId the invocation the verdict acts on
   * @param currentSeries this run's rounds of the series, the last one last
   * @param currentHost this run's rounds of the host in the same group; empty without
   * @param baselineSeries the baseline's rounds of the series; empty without
   * @param baselineHost the baseline's rounds of the host; empty without
   */
  static BaselineGateFigure evaluate(
      String uniqueId,
      List<RoundEntry> currentSeries,
      TreeMap<Integer, Double> currentHost,
      List<RoundEntry> baselineSeries,
      TreeMap<Integer, Double> baselineHost,
      BaselineFile baseline,
      Environment environment,
      GateRule rule) {
    RoundEntry last = currentSeries.get(currentSeries.size() - 1);
    TreeMap<Integer, Double> current = RoundEntry.values(currentSeries);
    RunResult run = baseline.run();
    double tolerance = rule.toleranceOf(last.figure());
    List<String> changes = changes(run, environment, last, baselineSeries);
    String what =
        String.format(
            "%s of %s on %s (%s)", last.figure(), last.test(), last.runtime(), last.probe());
    String tail = tail(changes, baseline, Math.max(MINIMUM_ROUNDS, current.size()));

    TreeMap<Integer, Double> baselineValues = RoundEntry.values(baselineSeries);
    String machine = machineDifference(run.environment(), environment);
    if (machine != null) {
      return inconclusive(
          uniqueId,
          last,
          current.size(),
          baselineSeries.size(),
          baselineValues,
          current,
          tolerance,
          rule,
          changes,
          String.format(
              "gate: %s is inconclusive: no comparable baseline: %s.%s", what, machine, tail));
    }
    if (baselineSeries.isEmpty()) {
      return inconclusive(
          uniqueId,
          last,
          current.size(),
          0,
          baselineValues,
          current,
          tolerance,
          rule,
          changes,
          String.format(
              "gate: %s is inconclusive: the baseline has no rounds of it (a new test, runtime or"
                  + " probe, or a baseline saved without it); save a new baseline to gate it.%s",
              what, tail));
    }
    int minimum = new ComparisonRule(rule.alpha(), tolerance, false).minimumTrialsPerSide();
    if (current.size() < minimum || baselineValues.size() < minimum) {
      return inconclusive(
          uniqueId,
          last,
          current.size(),
          baselineValues.size(),
          baselineValues,
          current,
          tolerance,
          rule,
          changes,
          String.format(
              "gate: %s is inconclusive: %d rounds in this run and %d in the baseline, but at"
                  + " alpha %s a difference needs at least %d a side to be significant at all: set"
                  + " %s to at least %d in both runs.%s",
              what,
              current.size(),
              baselineValues.size(),
              plain(rule.alpha()),
              minimum,
              SandboxSettings.ROUNDS,
              minimum,
              tail));
    }
    boolean relative = !currentHost.isEmpty() && !baselineHost.isEmpty();
    TreeMap<Integer, Double> a = relative ? perRoundRatios(current, currentHost) : current;
    TreeMap<Integer, Double> b =
        relative ? perRoundRatios(baselineValues, baselineHost) : baselineValues;
    if (relative && (a.size() < minimum || b.size() < minimum)) {
      // too few rounds with the host's value of the same round: the figures themselves
      relative = false;
      a = current;
      b = baselineValues;
    }
    String mode = relative ? BaselineGateFigure.RELATIVE_TO_HOST : BaselineGateFigure.DIRECT;
    String unit = relative ? "x" : last.unit();
    Comparison comparison = compare(last.figure(), unit, last.better(), a, b, rule.alpha());
    double currentMedian = median(current);
    double baselineMedian = median(baselineValues);
    if (comparison.figures().isEmpty()) {
      return new BaselineGateFigure(
          uniqueId,
          last.test(),
          last.runtime(),
          last.probe(),
          last.figure(),
          last.unit(),
          mode,
          GateVerdict.INCONCLUSIVE,
          baselineMedian,
          currentMedian,
          null,
          null,
          null,
          null,
          b.size(),
          a.size(),
          List.copyOf(baselineValues.values()),
          List.copyOf(current.values()),
          tolerance,
          rule.alpha(),
          changes,
          String.format(
              "gate: %s is inconclusive: %s.%s",
              what, String.join("; ", comparison.notes()), tail));
    }
    FigureComparison f = comparison.figures().get(0);
    GateVerdict verdict =
        rule.verdict(last.figure(), last.better(), f.ratio(), f.low(), f.high(), f.p());
    // relative to the host, the host's rounds carry the machine's load; direct, nothing does
    String busier = relative ? null : loadDifference(baselineSeries, currentSeries, environment);
    if (busier != null) {
      verdict = GateVerdict.INCONCLUSIVE;
    }
    String fromTo =
        relative
            ? String.format(
                "%s (%sx host) -> %s (%sx host)",
                format(baselineMedian, last.unit()),
                FigureComparison.formatRatio(f.medianB()),
                format(currentMedian, last.unit()),
                FigureComparison.formatRatio(f.medianA()))
            : format(baselineMedian, last.unit()) + " -> " + format(currentMedian, last.unit());
    String statistics =
        String.format(
            Locale.ROOT,
            "%s, %+.1f%% (ratio %sx, %s%% interval [%s, %s], p=%s, %d rounds in the baseline and"
                + " %d in this run); threshold: tolerance %s%% at alpha %s; mode: %s",
            fromTo,
            (f.ratio() - 1) * 100,
            FigureComparison.formatRatio(f.ratio()),
            plain(rule.confidence() * 100),
            FigureComparison.formatRatio(f.low()),
            FigureComparison.formatRatio(f.high()),
            FigureComparison.formatP(f.p()),
            b.size(),
            a.size(),
            plain(tolerance * 100),
            plain(rule.alpha()),
            relative
                ? "relative to the host (each round's value divided by the host's in the same"
                    + " round, so drift of the machine cancels)"
                : "direct (the figures themselves"
                    + (last.runtime().equals("host")
                        ? ""
                        : "; not every round of both runs has a host value of the same round:"
                            + " the host is missing from a run, or listed after this runtime")
                    + ")");
    String message =
        switch (verdict) {
          case REGRESSION ->
              String.format(
                  "gate: %s regressed against the baseline: %s.%s", what, statistics, tail);
          case IMPROVEMENT ->
              String.format(
                  "gate: %s improved on the baseline: %s. Consider saving a new baseline: %s.%s",
                  what, statistics, reBaseline(baseline, current.size()), tail);
          case NO_CHANGE ->
              String.format(
                  "gate: %s shows no change beyond the tolerance: %s.%s", what, statistics, tail);
          case INCONCLUSIVE ->
              busier != null
                  ? String.format(
                      "gate: %s is inconclusive: %s, and compared directly across runs a change of"
                          + " the runtime cannot be told from other work on the machine (%s)."
                          + " Measure the host in the same @Runtimes, listed first, to compare"
                          + " relative to it; gate side by side; or gate on a quieter machine.%s",
                      what, busier, statistics, tail)
                  : String.format(
                      "gate: %s is inconclusive: the rounds cannot tell (%s); more rounds (%s)"
                          + " may.%s",
                      what, statistics, SandboxSettings.ROUNDS, tail);
        };
    return new BaselineGateFigure(
        uniqueId,
        last.test(),
        last.runtime(),
        last.probe(),
        last.figure(),
        last.unit(),
        mode,
        verdict,
        baselineMedian,
        currentMedian,
        f.ratio(),
        f.low(),
        Double.isFinite(f.high()) ? f.high() : null,
        f.p(),
        b.size(),
        a.size(),
        List.copyOf(baselineValues.values()),
        List.copyOf(current.values()),
        tolerance,
        rule.alpha(),
        changes,
        message);
  }

  private static BaselineGateFigure inconclusive(
      String uniqueId,
      RoundEntry last,
      int currentTrials,
      int baselineTrials,
      TreeMap<Integer, Double> baselineValues,
      TreeMap<Integer, Double> currentValues,
      double tolerance,
      GateRule rule,
      List<String> changes,
      String message) {
    return new BaselineGateFigure(
        uniqueId,
        last.test(),
        last.runtime(),
        last.probe(),
        last.figure(),
        last.unit(),
        null,
        GateVerdict.INCONCLUSIVE,
        null,
        null,
        null,
        null,
        null,
        null,
        baselineTrials,
        currentTrials,
        List.copyOf(baselineValues.values()),
        List.copyOf(currentValues.values()),
        tolerance,
        rule.alpha(),
        changes,
        message);
  }

  /**
   * How much busier or quieter the machine was in this run than in the baseline's, where the
   * medians over the rounds of the 1-minute load average differ by more than the machine's CPUs (a
   * whole machine's worth of other runnable work), else null; null too where a round's load is
   * unknown. In the gate bench's A/A runs of disk, file, network and HTTP figures, runs minutes
   * apart on a machine whose load moved between 2 and 11 (other builds) gave the host's figures,
   * compared directly, regressions and improvements of 0.4x to 1.7x with nothing changed
   * (docs/gate.md, "How the gate was tested"); a direct verdict across such runs is no evidence.
   */
  static String loadDifference(
      List<RoundEntry> baselineSeries, List<RoundEntry> currentSeries, Environment environment) {
    Double before = medianLoad(baselineSeries);
    Double now = medianLoad(currentSeries);
    if (before == null || now == null) {
      return null;
    }
    int cpus = Math.max(1, environment.cpus());
    if (Math.abs(now - before) <= cpus) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "the machine was %s in this run than in the baseline's (1-minute load average, median over"
            + " the rounds: %.1f against %.1f, more than %d apart, the machine's CPUs)",
        now > before ? "busier" : "quieter",
        now,
        before,
        cpus);
  }

  private static Double medianLoad(List<RoundEntry> series) {
    TreeMap<Integer, Double> loads = new TreeMap<>();
    for (RoundEntry e : series) {
      if (e.load() == null) {
        return null;
      }
      loads.putIfAbsent(e.round(), e.load());
    }
    return loads.isEmpty() ? null : median(loads);
  }

  /** What differs between the machines, or null where they match. */
  static String machineDifference(Environment baseline, Environment current) {
    if (baseline == null) {
      return "the baseline run measured nothing, so it recorded no machine";
    }
    List<String> differences = new ArrayList<>();
    if (!baseline.cpuModel().equals(current.cpuModel())) {
      differences.add(
          String.format(
              "CPU model '%s' in the baseline, '%s' here",
              baseline.cpuModel(), current.cpuModel()));
    }
    if (baseline.cpus() != current.cpus()) {
      differences.add(
          String.format("%d CPUs in the baseline, %d here", baseline.cpus(), current.cpus()));
    }
    // MemTotal is the RAM less what the kernel reserves, which differs between kernel builds: a
    // kernel upgrade, which this gate exists for, moves it by a few MiB on the same machine
    if (!sameMemory(baseline.memoryBytes(), current.memoryBytes())) {
      differences.add(
          String.format(
              "memory %s in the baseline, %s here",
              memory(baseline.memoryBytes()), memory(current.memoryBytes())));
    }
    return differences.isEmpty()
        ? null
        : String.join("; ", differences)
            + " (a baseline must come from the same machine: save one on this machine)";
  }

  /** Within 2% of each other (or both unknown): the same RAM, whatever the kernel reserves. */
  static boolean sameMemory(long baseline, long current) {
    if (baseline == current) {
      return true;
    }
    if (baseline == 0 || current == 0) {
      return false;
    }
    return Math.abs(baseline - current) <= 0.02 * Math.max(baseline, current);
  }

  private static String memory(long bytes) {
    return bytes == 0 ? "unknown" : String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
  }

  /** Kernel, Docker, the runtime's registration and the probe's parameters that differ. */
  static List<String> changes(
      RunResult baseline, Environment current, RoundEntry last, List<RoundEntry> baselineSeries) {
    List<String> changes = new ArrayList<>();
    Environment before = baseline.environment();
    if (before != null) {
      change(changes, "kernel", before.kernel(), current.kernel());
      change(changes, "Docker Engine", before.dockerVersion(), current.dockerVersion());
      change(changes, "operating system", before.operatingSystem(), current.operatingSystem());
      change(changes, "Java", before.javaVersion(), current.javaVersion());
    }
    RuntimeDescription now = last.description();
    RuntimeDescription then =
        baselineSeries.isEmpty()
            ? baseline.runtimes().stream()
                .filter(r -> r.id().equals(now.id()))
                .findFirst()
                .orElse(null)
            : baselineSeries.get(baselineSeries.size() - 1).description();
    if (then != null) {
      String prefix = "runtime " + now.id() + " ";
      change(changes, prefix + "Docker name", then.dockerName(), now.dockerName());
      change(changes, prefix + "binary", then.path(), now.path());
      change(changes, prefix + "version", then.version(), now.version());
      change(
          changes,
          prefix + "arguments",
          String.valueOf(then.runtimeArgs()),
          String.valueOf(now.runtimeArgs()));
      change(changes, prefix + "platform", then.platform(), now.platform());
      change(changes, prefix + "network", then.networkMode(), now.networkMode());
    }
    if (!baselineSeries.isEmpty()) {
      Map<String, String> baselineParameters =
          baselineSeries.get(baselineSeries.size() - 1).parameters();
      TreeSet<String> names = new TreeSet<>(baselineParameters.keySet());
      names.addAll(last.parameters().keySet());
      for (String name : names) {
        change(
            changes,
            "probe parameter " + name,
            baselineParameters.get(name),
            last.parameters().get(name));
      }
    }
    return changes;
  }

  private static void change(List<String> changes, String what, String before, String now) {
    if (!Objects.equals(before, now)) {
      changes.add(what + ": " + before + " -> " + now);
    }
  }

  private static String tail(List<String> changes, BaselineFile baseline, int rounds) {
    return String.format(
        " What changed since the baseline: %s. Baseline: %s. To accept this as the new normal,"
            + " re-baseline: %s",
        changes.isEmpty()
            ? "nothing junit-sandbox records (kernel, Docker, runtime and probe" + " unchanged)"
            : String.join("; ", changes),
        baseline.provenance(),
        reBaseline(baseline, rounds));
  }

  private static String reBaseline(BaselineFile baseline, int rounds) {
    return BaselineFile.reBaselineCommand(baseline.file(), rounds)
        + " (without "
        + SandboxSettings.GATE_BASELINE
        + "), then review the file and commit it";
  }

  private static TreeMap<Integer, Double> perRoundRatios(
      TreeMap<Integer, Double> values, TreeMap<Integer, Double> host) {
    TreeMap<Integer, Double> ratios = new TreeMap<>();
    values.forEach(
        (round, value) -> {
          Double h = host.get(round);
          if (h != null && h > 0) {
            ratios.put(round, value / h);
          }
        });
    return ratios;
  }

  private static Comparison compare(
      String figure,
      String unit,
      Figure.Better better,
      TreeMap<Integer, Double> a,
      TreeMap<Integer, Double> b,
      double alpha) {
    List<Trial> trials = new ArrayList<>();
    // the order does not matter to the statistics; the comparison wants indices in order
    for (double value : a.values()) {
      trials.add(trial(Side.A, "this run", trials.size(), figure, unit, value, better));
    }
    for (double value : b.values()) {
      trials.add(trial(Side.B, "baseline", trials.size(), figure, unit, value, better));
    }
    // the tolerance is the gate rule's to apply; the comparison's own verdict is not used
    return Comparison.of(
        figure, Map.of(), "this run", "baseline", new ComparisonRule(alpha, 0.05, false), trials);
  }

  private static Trial trial(
      Side side,
      String runtime,
      int index,
      String figure,
      String unit,
      double value,
      Figure.Better better) {
    return new Trial(
        side, runtime, index, Instant.EPOCH, List.of(Figure.of(figure, unit, value, better)));
  }

  private static double median(TreeMap<Integer, Double> values) {
    return MEDIAN.evaluate(values.values().stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** As the trial series write values: a latency in ns for people, else value and unit. */
  static String format(double value, String unit) {
    return LatencyResult.NANOSECONDS.equals(unit)
        ? Statistic.formatNanos(value)
        : Figure.formatValue(value) + (unit.isEmpty() ? "" : " " + unit);
  }

  static String plain(double value) {
    return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
