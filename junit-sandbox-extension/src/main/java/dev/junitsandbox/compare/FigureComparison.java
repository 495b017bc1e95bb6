package dev.junitsandbox.compare;

import dev.junitsandbox.measure.Figure;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One figure of a {@link Comparison}: both sides' trial values, the ratio of their medians with a
 * confidence interval, the Mann-Whitney U p-value and the verdict.
 *
 * <p>The interval is distribution-free: the Mann-Whitney U test inverted for a ratio of scale
 * (Bauer 1972; Hollander, Wolfe and Chicken, "Nonparametric Statistical Methods", 3rd ed., section
 * 4.5, on the logarithms of the values). It is the set of factors {@code r} for which the test of
 * "A is B times r" is not rejected at {@code alpha}, so it excludes 1 exactly when {@code p <
 * alpha}. With too few trials for any factor to be rejected on a side, that bound is 0 or infinite.
 *
 * @param name the figure's name, e.g. {@code "p50"} or {@code "requestsPerSecond"}
 * @param unit its unit, e.g. {@code "ns"}
 * @param better which direction is an improvement
 * @param a side A's values, in run order; copied, at least one, all above 0
 * @param b side B's values, in run order; copied, at least one, all above 0
 * @param medianA the median of {@code a}
 * @param medianB the median of {@code b}
 * @param ratio {@code medianA / medianB}
 * @param low the interval's lower bound, 0 or more
 * @param high its upper bound, not below {@code low}; infinite when unbounded
 * @param confidence the interval's confidence, e.g. {@code 0.99}
 * @param p the two-sided Mann-Whitney U p-value of A against B, from 0 to 1
 * @param verdict what the rule concluded
 */
public record FigureComparison(
    String name,
    String unit,
    Figure.Better better,
    List<Double> a,
    List<Double> b,
    double medianA,
    double medianB,
    double ratio,
    double low,
    double high,
    double confidence,
    double p,
    Verdict verdict) {

  public FigureComparison {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(verdict, "verdict");
    a = List.copyOf(a);
    b = List.copyOf(b);
    if (a.isEmpty() || b.isEmpty()) {
      throw new IllegalArgumentException(
          String.format(
              "figure %s needs at least one trial per side, but had %d of A and %d of B",
              name, a.size(), b.size()));
    }
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
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "the confidence of " + name + " must be above 0 and below 1, but was " + confidence);
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "the p-value of " + name + " must be from 0 to 1, but was " + p);
    }
  }

  /**
   * This figure decided under {@code rule}: its interval at the rule's confidence and its verdict
   * by the rule, from the same trial values. For a gate whose significance level differs from the
   * comparison's; the interval at one confidence says nothing exact about another.
   *
   * @param rule the rule to decide by
   * @return this figure when the rule's confidence is this figure's and its verdict the same
   */
  public FigureComparison under(ComparisonRule rule) {
    Objects.requireNonNull(rule, "rule");
    double[] x = a.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = b.stream().mapToDouble(Double::doubleValue).toArray();
    double[] interval =
        rule.confidence() == confidence
            ? new double[] {low, high}
            : RatioStatistics.ratioInterval(x, y, rule.alpha());
    Verdict decided = rule.verdict(interval[0], interval[1], p, better);
    // the interval of coarse values may be the same at both confidences; it is still stated at the
    // rule's
    if (rule.confidence() == confidence && decided == verdict) {
      return this;
    }
    return new FigureComparison(
        name,
        unit,
        better,
        a,
        b,
        medianA,
        medianB,
        ratio,
        interval[0],
        interval[1],
        rule.confidence(),
        p,
        decided);
  }

  /** How many trials side A had. */
  public int trialsA() {
    return a.size();
  }

  /** How many trials side B had. */
  public int trialsB() {
    return b.size();
  }

  /** Whether the interval has an upper bound (it has none with too few trials). */
  public boolean isBounded() {
    return Double.isFinite(high);
  }

  /**
   * For people: {@code "p50 1.27x [1.18, 1.40] (99% CI), p=0.0002, worse"}; an unbounded interval
   * shows {@code "inf"}.
   */
  public String format() {
    return String.format(
        Locale.ROOT,
        "%s %sx [%s, %s] (%s CI), p=%s, %s",
        name,
        formatRatio(ratio),
        formatRatio(low),
        formatRatio(high),
        ComparisonRule.percent(confidence),
        formatP(p),
        verdict.name().toLowerCase(Locale.ROOT));
  }

  /** A ratio for people: three significant digits, {@code "inf"} when infinite. */
  public static String formatRatio(double ratio) {
    if (Double.isInfinite(ratio)) {
      return "inf";
    }
    return Figure.formatValue(ratio);
  }

  /** A p-value for people: two significant digits. */
  public static String formatP(double p) {
    return p >= 0.001
        ? String.format(Locale.ROOT, "%.2g", p)
        : String.format(Locale.ROOT, "%.1e", p);
  }
}
