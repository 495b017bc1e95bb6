package dev.junitsandbox.gate;

import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Objects;

/**
 * The gate's verdict on one figure of a candidate against its reference, with the evidence: both
 * medians, the ratio candidate/reference of the medians with its confidence interval, the
 * Mann-Whitney U p-value, the trial counts and the thresholds that decided it.
 *
 * @param name the figure's name, e.g. {@code "p50"}
 * @param unit its unit, e.g. {@code "ns"}
 * @param better which direction is an improvement
 * @param referenceMedian the median of the reference's trials (before)
 * @param candidateMedian the median of the candidate's trials (after)
 * @param ratio {@code candidateMedian / referenceMedian}, a finite number above 0
 * @param low the interval's lower bound, 0 or more
 * @param high its upper bound, not below {@code low}; infinite when the trials are too few for any
 *     bound
 * @param confidence the interval's confidence, {@code 1 - alpha}
 * @param p the two-sided Mann-Whitney U p-value, from 0 to 1
 * @param candidateTrials how many trials the candidate had, 1 or more
 * @param referenceTrials how many trials the reference had, 1 or more
 * @param tolerance the relative change this figure tolerates, above 0 and below 1
 * @param alpha the significance level, above 0 and at most 0.5
 * @param verdict what the rule concluded
 */
public record GateFigure(
    String name,
    String unit,
    Figure.Better better,
    double referenceMedian,
    double candidateMedian,
    double ratio,
    double low,
    double high,
    double confidence,
    double p,
    int candidateTrials,
    int referenceTrials,
    double tolerance,
    double alpha,
    GateVerdict verdict) {

  public GateFigure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(verdict, "verdict");
    if (!(ratio > 0) || Double.isInfinite(ratio)) {
      throw new IllegalArgumentException(
          "the ratio of " + name + " must be a finite number above 0, but was " + ratio);
    }
    if (!(low >= 0) || !(high >= low)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the interval of %s must have 0 <= low <= high, but was [%s, %s]",
              name,
              low,
              high));
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "the p-value of " + name + " must be from 0 to 1, but was " + p);
    }
    if (candidateTrials < 1 || referenceTrials < 1) {
      throw new IllegalArgumentException(
          String.format(
              "figure %s needs at least one trial per side, but had %d of the candidate and %d of"
                  + " the reference",
              name, candidateTrials, referenceTrials));
    }
  }

  /**
   * The verdict of {@code rule} on {@code figure} of a comparison whose side A is the candidate and
   * side B the reference. The figure's interval must be at the rule's confidence.
   */
  static GateFigure of(FigureComparison figure, GateRule rule) {
    double tolerance = rule.toleranceOf(figure.name());
    return new GateFigure(
        figure.name(),
        figure.unit(),
        figure.better(),
        figure.medianB(),
        figure.medianA(),
        figure.ratio(),
        figure.low(),
        figure.high(),
        figure.confidence(),
        figure.p(),
        figure.trialsA(),
        figure.trialsB(),
        tolerance,
        rule.alpha(),
        rule.verdict(
            figure.name(),
            figure.better(),
            figure.ratio(),
            figure.low(),
            figure.high(),
            figure.p()));
  }

  /** The change from reference to candidate in percent: {@code +27.8} for a ratio of 1.278. */
  public double changePercent() {
    return (ratio - 1) * 100;
  }

  /** Whether the interval has an upper bound (it has none with too few trials). */
  public boolean isBounded() {
    return Double.isFinite(high);
  }

  /** {@code "1.80 µs -> 2.30 µs (+27.8%)"}: the medians before and after, in the figure's unit. */
  public String change() {
    return String.format(
        Locale.ROOT,
        "%s -> %s (%s)",
        value(referenceMedian),
        value(candidateMedian),
        percent(changePercent()));
  }

  /**
   * For people, one line: {@code "p50 1.80 µs -> 2.30 µs (+27.8%), ratio 1.28x, 99% interval [1.18,
   * 1.40], p=0.00018, 8+8 trials, tolerance ±5%: regression"}.
   */
  public String format() {
    return String.format(
        Locale.ROOT,
        "%s %s, ratio %sx, %s interval [%s, %s], p=%s, %d+%d trials, tolerance ±%s: %s",
        name,
        change(),
        FigureComparison.formatRatio(ratio),
        plainPercent(confidence),
        FigureComparison.formatRatio(low),
        FigureComparison.formatRatio(high),
        FigureComparison.formatP(p),
        candidateTrials,
        referenceTrials,
        plainPercent(tolerance),
        verdict.name().toLowerCase(Locale.ROOT).replace('_', ' '));
  }

  private String value(double value) {
    return unit.equals("ns")
        ? Statistic.formatNanos(value)
        : Figure.formatValue(value) + (unit.isEmpty() ? "" : " " + unit);
  }

  /** A signed change in percent, three significant digits: {@code "+27.8%"}, {@code "-3.10%"}. */
  static String percent(double change) {
    String digits =
        BigDecimal.valueOf(change).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    return (change > 0 ? "+" : "") + digits + "%";
  }

  /** A fraction as a plain percentage: 0.05 is {@code "5%"}, 0.99 is {@code "99%"}. */
  static String plainPercent(double fraction) {
    return BigDecimal.valueOf(fraction * 100)
            .round(new MathContext(6))
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }
}
