package dev.junitsandbox.comparisons;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonPlan;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.compare.Verdict;
import dev.junitsandbox.probe.Probe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The settings and the tables of the comparison benches. The settings are system properties, which
 * {@code runtimes/comparisons-bench.sh} passes from its environment; every bench appends its rows
 * to a file under {@code target/comparisons/}, which the script empties first and prints at the
 * end.
 */
final class BenchTables {

  /** How many comparisons each bench runs per probe and runtime (or slowdown level). */
  static final int COMPARISONS = Integer.getInteger("comparisons.bench.count", 5);

  /** Trials per side of every comparison; 0 takes the library's default. */
  static final int TRIALS = Integer.getInteger("comparisons.bench.trials", 0);

  static final Path DIRECTORY = Path.of("target", "comparisons");

  private BenchTables() {}

  /**
   * The verdicts of the same trials under other rules and with fewer trials, for choosing the
   * defaults: a prefix of 2k trials in the balanced order has k of each side.
   */
  static Map<String, Verdict> alternatives(Comparison comparison, String figure) {
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    int perSide = comparison.trials().size() / 2;
    ComparisonRule base = comparison.rule();
    verdicts.put("default", verdictOf(comparison.trials(), comparison, base, figure));
    verdicts.put(
        "alpha 0.05",
        verdictOf(
            comparison.trials(),
            comparison,
            new ComparisonRule(0.05, base.tolerance(), false),
            figure));
    verdicts.put(
        "tolerance 0.10",
        verdictOf(
            comparison.trials(),
            comparison,
            new ComparisonRule(base.alpha(), 0.10, false),
            figure));
    if (perSide > 6) {
      verdicts.put(
          "first 6 per side",
          verdictOf(comparison.trials().subList(0, 12), comparison, base, figure));
    }
    return verdicts;
  }

  private static Verdict verdictOf(
      List<Trial> trials, Comparison comparison, ComparisonRule rule, String figure) {
    return Comparison.of(
            comparison.probe(),
            comparison.parameters(),
            comparison.a(),
            comparison.b(),
            rule,
            trials)
        .figure(figure)
        .verdict();
  }

  /** Counts of verdicts per rule, for one row of a table. */
  static final class Tally {
    final Map<String, Map<Verdict, Integer>> counts = new LinkedHashMap<>();
    final List<Double> ratios = new ArrayList<>();
    final List<Double> seconds = new ArrayList<>();
    final List<Double> widths = new ArrayList<>();

    void add(Comparison comparison, String figure, double elapsedSeconds) {
      FigureComparison f = comparison.figure(figure);
      ratios.add(f.ratio());
      widths.add(f.high() / f.low());
      seconds.add(elapsedSeconds);
      alternatives(comparison, figure)
          .forEach(
              (rule, verdict) ->
                  counts
                      .computeIfAbsent(rule, r -> new EnumMap<>(Verdict.class))
                      .merge(verdict, 1, Integer::sum));
    }

    int count(String rule, Verdict verdict) {
      return counts.getOrDefault(rule, Map.of()).getOrDefault(verdict, 0);
    }

    /** {@code +0 -0 =3 ~2}: better, worse, equivalent, inconclusive. */
    String marks(String rule) {
      if (!counts.containsKey(rule)) {
        return "";
      }
      StringBuilder text = new StringBuilder();
      for (Verdict verdict : Verdict.values()) {
        text.append(verdict.mark()).append(count(rule, verdict)).append(' ');
      }
      return text.toString().strip();
    }

    static String range(List<Double> values, String format) {
      double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
      double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
      return String.format(Locale.ROOT, format + " to " + format, min, max);
    }

    static double median(List<Double> values) {
      return Median.withDefaults()
          .evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  /** One comparison of a bench, with how long it took. */
  record Timed(Comparison comparison, double seconds) {
    int trialsPerSide() {
      return comparison.trials().size() / 2;
    }
  }

  /** Runs one comparison of {@code probe} against {@code reference} with the bench's trials. */
  static Timed compare(Sandbox sandbox, Probe probe, RuntimeUnderTest reference) {
    ComparisonPlan plan = sandbox.compare(probe);
    if (TRIALS > 0) {
      plan.trials(TRIALS);
    }
    long start = System.nanoTime();
    Comparison comparison = plan.with(reference);
    return new Timed(comparison, (System.nanoTime() - start) / 1e9);
  }

  /** Appends {@code row} to {@code file} under {@link #DIRECTORY}, writing {@code header} first. */
  static synchronized void append(String file, String header, String row) {
    Path path = DIRECTORY.resolve(file);
    try {
      Files.createDirectories(DIRECTORY);
      if (!Files.exists(path)) {
        Files.writeString(path, header, StandardCharsets.UTF_8);
      }
      Files.writeString(path, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + path.toAbsolutePath(), e);
    }
    System.out.print(row);
  }
}
