package dev.junitsandbox.assertj;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The parts every message about a compared figure shows, so that all of them read alike. */
final class ComparisonMessages {

  private static final String NL = System.lineSeparator();

  private ComparisonMessages() {}

  /** {@code "p50 of syscall.getpid, runc (A) / host (B)"}. */
  static String subject(Comparison comparison, FigureComparison figure) {
    return String.format(
        "%s of %s, %s (A) / %s (B)",
        figure.name(), comparison.probe(), comparison.a(), comparison.b());
  }

  /**
   * {@code "1.27x, 99% interval [1.18, 1.40], Mann-Whitney p=0.00018, 10 trials of A and 10 of B,
   * verdict worse"}.
   */
  static String ratio(FigureComparison figure) {
    return String.format(
        Locale.ROOT,
        "%sx, %s%% interval [%s, %s], Mann-Whitney p=%s, %d trials of A and %d of B, verdict %s",
        FigureComparison.formatRatio(figure.ratio()),
        ComparisonMessage.asWritten(Math.round(figure.confidence() * 10_000) / 100.0),
        FigureComparison.formatRatio(figure.low()),
        FigureComparison.formatRatio(figure.high()),
        FigureComparison.formatP(figure.p()),
        figure.trialsA(),
        figure.trialsB(),
        figure.verdict().name().toLowerCase(Locale.ROOT));
  }

  /** Both sides' trial values in run order, one line each, with their medians. */
  static String trials(Comparison comparison, FigureComparison figure) {
    return "  "
        + side("A", comparison.a(), figure, figure.a(), figure.medianA())
        + NL
        + "  "
        + side("B", comparison.b(), figure, figure.b(), figure.medianB());
  }

  private static String side(
      String side, String runtime, FigureComparison figure, List<Double> values, double median) {
    return String.format(
        "%s (%s), median %s: %s",
        runtime,
        side,
        value(figure, median),
        values.stream().map(v -> value(figure, v)).collect(Collectors.joining(", ")));
  }

  private static String value(FigureComparison figure, double value) {
    return figure.unit().equals("ns")
        ? Statistic.formatNanos(value)
        : Figure.formatValue(value) + " " + figure.unit();
  }

  /** Why the check failed, or why it is inconclusive and what to do about it. */
  static String outcome(boolean inconclusive, String failed, boolean strict) {
    if (!inconclusive) {
      return "but " + failed + ".";
    }
    return "but the interval straddles the bound: the trials cannot tell (inconclusive). More"
        + " trials may decide it (trials(n), or "
        + SandboxSettings.COMPARISONS_TRIALS
        + "); "
        + (strict
            ? "this fails because " + SandboxSettings.COMPARISONS_STRICT + "=true."
            : "the test is aborted rather than failed; "
                + SandboxSettings.COMPARISONS_STRICT
                + "=true makes it fail.");
  }
}
