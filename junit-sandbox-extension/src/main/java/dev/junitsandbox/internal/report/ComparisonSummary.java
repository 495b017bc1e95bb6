package dev.junitsandbox.internal.report;

import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.compare.Verdict;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.ComparisonResult;
import dev.junitsandbox.report.ComparisonResult.FigureComparisonResult;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The console's comparisons block, after benchstat: one line per compared figure with the test, the
 * figure, the sides, both medians, the ratio A/B of the medians with its interval, the Mann-Whitney
 * p, the trial counts and the verdict's mark; then a line that explains the marks and the rule that
 * set them. Where a gate judged a comparison ({@code hasNoRegression()}, {@code Gate.judge}), a
 * last column holds the gate's verdict on the figure (A the candidate, B the reference), and lines
 * after the rule explain the gate's marks, its rule and what changed between the runtimes. Empty
 * for a run without comparisons.
 */
final class ComparisonSummary {

  private static final int MAX_TEST = 60;
  private static final String[] HEADER = {
    "test",
    "figure",
    "A vs B",
    "median A",
    "median B",
    "ratio A/B [interval]",
    "p",
    "trials",
    "",
    "gate"
  };
  // text columns read from the left, figures line up on their right
  private static final boolean[] NUMERIC = {
    false, false, false, true, true, false, true, true, false, false
  };

  private ComparisonSummary() {}

  static String of(RunResult run) {
    List<String[]> rows = new ArrayList<>();
    Set<String> rules = new LinkedHashSet<>();
    Set<String> gateRules = new LinkedHashSet<>();
    List<String> changes = new ArrayList<>();
    for (InvocationResult invocation : run.invocations()) {
      for (ComparisonResult comparison : invocation.comparisons()) {
        rules.add(comparison.rule());
        for (FigureComparisonResult figure : comparison.figures()) {
          rows.add(row(testLabel(invocation, comparison), comparison, figure));
        }
        if (comparison.gate() != null) {
          gateRules.add(comparison.gate().rule());
          changes.add(
              String.format(
                  "changed %s -> %s (%s): %s",
                  comparison.b(),
                  comparison.a(),
                  testLabel(invocation, comparison),
                  String.join("; ", comparison.gate().whatChanged())));
        }
      }
    }
    if (rows.isEmpty()) {
      return "";
    }
    // without a gate the block keeps its columns: no empty column for what no test asked
    int columns = gateRules.isEmpty() ? HEADER.length - 1 : HEADER.length;
    int[] widths = new int[columns];
    for (int i = 0; i < columns; i++) {
      widths[i] = HEADER[i].length();
    }
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    String n = System.lineSeparator();
    StringBuilder text = new StringBuilder(n).append("comparisons").append(n);
    text.append(line(HEADER, widths)).append(n);
    rows.forEach(row -> text.append(line(row, widths)).append(n));
    text.append(
            "marks: + A better than B, - A worse, = equivalent (the whole interval inside the"
                + " tolerance), ~ no significant difference (inconclusive: the trials cannot tell)")
        .append(n);
    rules.forEach(rule -> text.append("rule: ").append(rule).append(n));
    if (!gateRules.isEmpty()) {
      text.append(
              "gate (A the candidate, B the reference): - regression (fails the test), +"
                  + " improvement, = no change (within the tolerance), ~ inconclusive (the trials"
                  + " cannot tell)")
          .append(n);
      gateRules.forEach(rule -> text.append("gate rule: ").append(rule).append(n));
      changes.forEach(change -> text.append(change).append(n));
    }
    return text.toString();
  }

  private static String[] row(
      String test, ComparisonResult comparison, FigureComparisonResult figure) {
    Verdict verdict = figure.verdict();
    return new String[] {
      test,
      figure.name(),
      comparison.a() + " vs " + comparison.b(),
      value(figure.medianA(), figure.unit()),
      value(figure.medianB(), figure.unit()),
      String.format(
          Locale.ROOT,
          "%sx [%s, %s]",
          FigureComparison.formatRatio(figure.ratio()),
          FigureComparison.formatRatio(figure.low()),
          // no upper bound: too few trials on a side for any factor to be rejected
          figure.high() == null ? "inf" : FigureComparison.formatRatio(figure.high())),
      FigureComparison.formatP(figure.p()),
      figure.a().size() + "+" + figure.b().size(),
      verdict.mark() + " " + verdict.name().toLowerCase(Locale.ROOT),
      gateVerdict(comparison, figure.name())
    };
  }

  /** The gate's mark and verdict on the figure, or empty where no gate judged it. */
  private static String gateVerdict(ComparisonResult comparison, String figure) {
    if (comparison.gate() == null) {
      return "";
    }
    return comparison.gate().figures().stream()
        .filter(f -> f.name().equals(figure))
        .findFirst()
        .map(
            f ->
                f.verdict().mark()
                    + " "
                    + f.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '))
        .orElse("");
  }

  /** As the measurement groups name a test: {@code "Example.getpid · syscall.getpid"}. */
  static String testLabel(InvocationResult invocation, ComparisonResult comparison) {
    String className = invocation.testClass();
    String label =
        className.substring(className.lastIndexOf('.') + 1)
            + (invocation.testMethod() == null ? "" : "." + invocation.testMethod())
            + " · "
            + comparison.probe();
    return label.length() > MAX_TEST ? label.substring(0, MAX_TEST - 1) + "…" : label;
  }

  /** A median as the summary table writes values: nanoseconds scaled, others with their unit. */
  private static String value(double value, String unit) {
    return "ns".equals(unit)
        ? Statistic.formatNanos(value)
        : Figure.formatValue(value) + (unit == null || unit.isEmpty() ? "" : " " + unit);
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        line.append("  ");
      }
      String format = "%" + (NUMERIC[i] ? "" : "-") + widths[i] + "s";
      line.append(String.format(Locale.ROOT, format, cells[i]));
    }
    return line.toString().stripTrailing();
  }
}
