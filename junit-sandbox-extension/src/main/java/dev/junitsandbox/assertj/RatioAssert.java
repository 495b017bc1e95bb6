package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveRatioAbove.shouldHaveRatioAbove;
import static dev.junitsandbox.assertj.ShouldHaveRatioBelow.shouldHaveRatioBelow;
import static dev.junitsandbox.assertj.ShouldHaveRatioWithin.shouldHaveRatioWithin;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import java.util.Objects;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.error.ErrorMessageFactory;
import org.opentest4j.TestAbortedException;

/**
 * Assertions on the ratio A/B of one figure of a {@link Comparison}, decided on its whole
 * confidence interval, with three outcomes:
 *
 * <ul>
 *   <li>the check passes when the whole interval is on the passing side of the bound;
 *   <li>it fails when the whole interval is on the failing side;
 *   <li>when the interval straddles the bound, the trials cannot tell: the test is aborted ({@link
 *       TestAbortedException}, shown as skipped) with the figures and the reason, or fails when the
 *       comparison's rule is strict ({@code junit.sandbox.comparisons.strict=true}).
 * </ul>
 *
 * <p>The interval is two-sided at the comparison's confidence (99% by default), so each one-sided
 * check errs on its side with at most half of {@code alpha}. Reach it with {@link
 * ComparisonAssert#ratio(String)}.
 */
public class RatioAssert extends AbstractObjectAssert<RatioAssert, FigureComparison> {

  private final Comparison comparison;

  RatioAssert(Comparison comparison, FigureComparison figure) {
    super(Objects.requireNonNull(figure, "figure"), RatioAssert.class);
    this.comparison = Objects.requireNonNull(comparison, "comparison");
  }

  /**
   * Verifies that the ratio is below {@code bound}: "runc's getpid p50 is within 2x of the host's".
   *
   * @param bound a finite number above 0
   * @return this assertion object
   * @throws IllegalArgumentException if {@code bound} is not as described
   * @throws TestAbortedException if the interval straddles the bound and the rule is not strict
   */
  public RatioAssert isBelow(double bound) {
    requireBound(bound, "bound");
    decide(
        actual.high() < bound,
        actual.low() >= bound,
        inconclusive -> shouldHaveRatioBelow(comparison, actual, bound, inconclusive));
    return myself;
  }

  /**
   * Verifies that the ratio is above {@code bound}: "gVisor's getpid p50 is more than 2x the
   * host's".
   *
   * @param bound a finite number above 0
   * @return this assertion object
   * @throws IllegalArgumentException if {@code bound} is not as described
   * @throws TestAbortedException if the interval straddles the bound and the rule is not strict
   */
  public RatioAssert isAbove(double bound) {
    requireBound(bound, "bound");
    decide(
        actual.low() > bound,
        actual.high() <= bound,
        inconclusive -> shouldHaveRatioAbove(comparison, actual, bound, inconclusive));
    return myself;
  }

  /**
   * Verifies that the ratio lies from {@code low} to {@code high}: "runc's CPU events/s are within
   * 10% of the host's" is {@code isWithin(0.9, 1.1)}.
   *
   * @param low a finite number above 0
   * @param high a finite number above {@code low}
   * @return this assertion object
   * @throws IllegalArgumentException if the range is not as described
   * @throws TestAbortedException if the interval straddles an end and the rule is not strict
   */
  public RatioAssert isWithin(double low, double high) {
    requireBound(low, "low");
    requireBound(high, "high");
    if (!(high > low)) {
      throw new IllegalArgumentException(
          String.format(
              "The range's high end must be above its low end, but was [%s, %s]; e.g."
                  + " isWithin(0.9, 1.1)",
              ComparisonMessage.asWritten(low), ComparisonMessage.asWritten(high)));
    }
    decide(
        actual.low() >= low && actual.high() <= high,
        actual.high() < low || actual.low() > high,
        inconclusive -> shouldHaveRatioWithin(comparison, actual, low, high, inconclusive));
    return myself;
  }

  private interface Message {
    ErrorMessageFactory of(boolean inconclusive);
  }

  private void decide(boolean passes, boolean fails, Message message) {
    isNotNull();
    if (passes) {
      return;
    }
    if (fails) {
      throw assertionError(message.of(false));
    }
    if (comparison.rule().strict()) {
      throw assertionError(message.of(true));
    }
    // an abort carries the same text an AssertJ failure would, description included, without the
    // leading line break AssertJ's messages start with: skip summaries show an abort's first line
    String text =
        info.overridingErrorMessage() != null
            ? info.overridingErrorMessage()
            : message.of(true).create(info.description(), info.representation());
    throw new TestAbortedException(text.strip());
  }

  // a NaN, infinite or non-positive bound makes no sense for a ratio of positive values
  private static void requireBound(double bound, String name) {
    if (!(bound > 0) || Double.isInfinite(bound)) {
      throw new IllegalArgumentException(
          String.format(
              "The %s of a ratio must be a finite number above 0, but was %s; e.g. isBelow(2.0)"
                  + " for \"at most twice B\"",
              name, bound));
    }
  }
}
