package dev.junitsandbox.gate;

import dev.junitsandbox.measure.Figure;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a gate decides, per figure, on the ratio candidate/reference of medians, its confidence
 * interval at {@code 1 - alpha} and the Mann-Whitney U p-value:
 *
 * <ul>
 *   <li>{@link GateVerdict#REGRESSION} when {@code p < alpha}, the whole interval lies on the
 *       figure's worse side of 1 and the ratio is further from 1 than the figure's tolerance;
 *   <li>{@link GateVerdict#IMPROVEMENT} the same on the better side;
 *   <li>{@link GateVerdict#NO_CHANGE} when the whole interval lies inside {@code [1 - tolerance, 1
 *       + tolerance]}, or the difference is significant but the ratio within the tolerance;
 *   <li>otherwise {@link GateVerdict#INCONCLUSIVE}.
 * </ul>
 *
 * <p>Both significance and size are required for a regression, as in Firecracker's A/B tests
 * ({@code p < 0.01} and a relative change over 5%): a significant 1% change is not worth failing a
 * pipeline over, and a large change the trials cannot separate from noise is not evidence.
 *
 * @param alpha the significance level, above 0 and at most 0.5
 * @param tolerance the default relative change that counts, above 0 and below 1
 * @param tolerances tolerances of particular figures by name (e.g. {@code "p99"}, noisier than
 *     medians), each above 0 and below 1; copied
 * @param strict whether an inconclusive verdict fails the test (true) or aborts it (false)
 */
public record GateRule(
    double alpha, double tolerance, Map<String, Double> tolerances, boolean strict) {

  /**
   * Default significance level: 0.01, as Firecracker's A/B tests and this project's comparisons.
   */
  public static final double DEFAULT_ALPHA = 0.01;

  /** Default tolerance: a change of 5% or less is no change, as Firecracker's A/B tests. */
  public static final double DEFAULT_TOLERANCE = 0.05;

  public GateRule {
    if (!(alpha > 0 && alpha <= 0.5)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "the gate's alpha must be above 0 and at most 0.5 (a significance level, e.g. %s),"
                  + " but was %s",
              DEFAULT_ALPHA,
              alpha));
    }
    checkTolerance("the gate's tolerance", tolerance);
    tolerances = Map.copyOf(Objects.requireNonNull(tolerances, "tolerances"));
    tolerances.forEach((figure, value) -> checkTolerance("the tolerance of " + figure, value));
  }

  /** The default rule: {@link #DEFAULT_ALPHA}, {@link #DEFAULT_TOLERANCE} for every figure. */
  public static GateRule defaults() {
    return new GateRule(DEFAULT_ALPHA, DEFAULT_TOLERANCE, Map.of(), false);
  }

  /** The tolerance of the figure named {@code figure}: its own, else the default. */
  public double toleranceOf(String figure) {
    return tolerances.getOrDefault(figure, tolerance);
  }

  /** The confidence of the intervals: {@code 1 - alpha}. */
  public double confidence() {
    return 1 - alpha;
  }

  /**
   * The verdict on one figure.
   *
   * @param figure the figure's name, for its tolerance
   * @param better which direction of the figure is an improvement
   * @param ratio candidate/reference of the medians, above 0
   * @param low the interval's lower bound, 0 or more
   * @param high its upper bound, not below {@code low}; may be infinite (too few trials)
   * @param p the two-sided Mann-Whitney U p-value, from 0 to 1
   */
  public GateVerdict verdict(
      String figure, Figure.Better better, double ratio, double low, double high, double p) {
    Objects.requireNonNull(better, "better");
    double tol = toleranceOf(figure);
    if (low >= 1 - tol && high <= 1 + tol) {
      return GateVerdict.NO_CHANGE;
    }
    boolean significant = p < alpha && (low > 1 || high < 1);
    if (!significant) {
      return GateVerdict.INCONCLUSIVE;
    }
    if (Math.abs(ratio - 1) <= tol) {
      return GateVerdict.NO_CHANGE;
    }
    boolean higher = low > 1;
    boolean worse = higher == (better == Figure.Better.LOWER);
    return worse ? GateVerdict.REGRESSION : GateVerdict.IMPROVEMENT;
  }

  private static void checkTolerance(String what, double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s must be above 0 and below 1 (a fraction: %s is plus or minus 5%%), but was %s",
              what,
              DEFAULT_TOLERANCE,
              value));
    }
  }
}
