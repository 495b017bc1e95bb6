package dev.junitsandbox.compare;

import dev.junitsandbox.measure.Figure;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * How a comparison decides its {@link Verdict}s, and what an assertion on it does when its interval
 * straddles the asserted bound.
 *
 * <p>The rule, per figure, on the ratio A/B of medians and its confidence interval at confidence
 * {@code 1 - alpha}:
 *
 * <ul>
 *   <li>{@link Verdict#EQUIVALENT} when the whole interval lies inside {@code [1 - tolerance, 1 +
 *       tolerance]}: any difference is smaller than the tolerance, significant or not (as
 *       Firecracker's A/B tests ignore significant changes below a relative threshold);
 *   <li>otherwise {@link Verdict#BETTER} or {@link Verdict#WORSE} when the whole interval lies on
 *       one side of 1 and the Mann-Whitney U p-value is below {@code alpha} (the interval is the
 *       inversion of that same test, so the two agree; both are required so that neither alone
 *       decides), the side and the figure's better direction saying which;
 *   <li>otherwise {@link Verdict#INCONCLUSIVE}.
 * </ul>
 *
 * <p>The defaults ({@link #DEFAULT_ALPHA}, {@link #DEFAULT_TOLERANCE}) were kept after an A/A run
 * on this project's machines (the same runtime compared with itself: no false verdict in 80
 * comparisons, where alpha 0.05 gave 4) and a sensitivity run (a 10% CPU quota detected in every
 * comparison by throughput and mean); the README's "How comparisons decide" has the tables.
 *
 * @param alpha the significance level, above 0 and at most 0.5; the interval's confidence is {@code
 *     1 - alpha}
 * @param tolerance the half-width of the equivalence band around a ratio of 1, from 0 (exclusive)
 *     to 1 (exclusive), e.g. {@code 0.05} for plus or minus 5%
 * @param strict whether an assertion whose bound the interval straddles fails (true) or aborts the
 *     test, which JUnit shows as skipped (false); see {@code junit.sandbox.comparisons.strict}
 */
public record ComparisonRule(double alpha, double tolerance, boolean strict) {

  /** Default significance level: 0.01, as Firecracker's A/B tests use. */
  public static final double DEFAULT_ALPHA = 0.01;

  /** Default tolerance: ratios within plus or minus 5% count as equivalent. */
  public static final double DEFAULT_TOLERANCE = 0.05;

  public ComparisonRule {
    if (!(alpha > 0 && alpha <= 0.5)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "alpha must be above 0 and at most 0.5 (a significance level, e.g. %s), but was %s",
              DEFAULT_ALPHA,
              alpha));
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "tolerance must be above 0 and below 1 (a fraction: %s is plus or minus 5%%), but"
                  + " was %s",
              DEFAULT_TOLERANCE,
              tolerance));
    }
  }

  /** The default rule: {@link #DEFAULT_ALPHA}, {@link #DEFAULT_TOLERANCE}, not strict. */
  public static ComparisonRule defaults() {
    return new ComparisonRule(DEFAULT_ALPHA, DEFAULT_TOLERANCE, false);
  }

  /** This rule with {@code strict} as given. */
  public ComparisonRule withStrict(boolean strict) {
    return new ComparisonRule(alpha, tolerance, strict);
  }

  /** The confidence of the intervals: {@code 1 - alpha}. */
  public double confidence() {
    return 1 - alpha;
  }

  /**
   * The verdict on one figure.
   *
   * @param low the interval's lower bound, 0 or more
   * @param high its upper bound, not below {@code low}; may be infinite
   * @param p the Mann-Whitney U p-value, from 0 to 1
   * @param better which direction of the figure is an improvement
   */
  public Verdict verdict(double low, double high, double p, Figure.Better better) {
    Objects.requireNonNull(better, "better");
    if (low >= 1 - tolerance && high <= 1 + tolerance) {
      return Verdict.EQUIVALENT;
    }
    if (p < alpha && low > 1) {
      return better == Figure.Better.LOWER ? Verdict.WORSE : Verdict.BETTER;
    }
    if (p < alpha && high < 1) {
      return better == Figure.Better.LOWER ? Verdict.BETTER : Verdict.WORSE;
    }
    return Verdict.INCONCLUSIVE;
  }

  /** The rule in words, for messages and the report. */
  public String describe() {
    String confidence = percent(confidence());
    return String.format(
        Locale.ROOT,
        "equivalent if the %s interval of the ratio A/B lies inside [%s, %s]; better or worse if"
            + " it lies entirely on one side of 1 and Mann-Whitney p < %s; else inconclusive",
        confidence,
        plain(1 - tolerance),
        plain(1 + tolerance),
        plain(alpha));
  }

  /**
   * The fewest trials per side with which a difference can be significant at {@code alpha} at all,
   * also when values tie (benchstat warns of the same limit). Without ties Commons' Mann-Whitney
   * test is exact and its most extreme two-sided p-value is {@code 2 / C(2n, n)} (below 0.01 from 5
   * trials a side); with ties, frequent in the quantized percentiles of fast calls, it uses the
   * normal approximation, whose most extreme p-value is larger (0.012 with 5 a side, 0.005 with 6).
   * So this asks Commons itself, for two completely separated samples with one tie.
   */
  public int minimumTrialsPerSide() {
    return RatioStatistics.fewestTrialsToReject(alpha);
  }

  static String percent(double fraction) {
    return plain(fraction * 100) + "%";
  }

  static String plain(double value) {
    return BigDecimal.valueOf(value)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }
}
