package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldCompareToLimit.shouldBeAtLeast;
import static dev.junitsandbox.assertj.ShouldCompareToLimit.shouldBeAtMost;
import static dev.junitsandbox.assertj.ShouldCompareToReference.shouldBeWithinFactor;
import static dev.junitsandbox.assertj.ShouldCompareToReference.shouldExceedFactor;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one figure (p50, p99, mean, ...) of a {@link Measurement}. Comparisons with another
 * measurement use the same figure of both.
 */
public class StatisticAssert extends AbstractAssert<StatisticAssert, Measurement> {

  private final Statistic statistic;

  StatisticAssert(Measurement actual, Statistic statistic) {
    super(actual, StatisticAssert.class);
    this.statistic = Objects.requireNonNull(statistic, "statistic");
  }

  /** Verifies that the figure is at most {@code limit}. */
  public StatisticAssert isAtMost(Duration limit) {
    requireLimit(limit);
    if (value() > limit.toNanos()) {
      throw assertionError(shouldBeAtMost(actual, statistic, limit));
    }
    return myself;
  }

  /** Verifies that the figure is at least {@code limit}. */
  public StatisticAssert isAtLeast(Duration limit) {
    requireLimit(limit);
    if (value() < limit.toNanos()) {
      throw assertionError(shouldBeAtLeast(actual, statistic, limit));
    }
    return myself;
  }

  /**
   * Verifies that the figure is at most {@code factor} times the same figure of {@code reference}:
   * "runc's p50 is within 2x of the host's". Being faster than the reference always passes.
   *
   * @param factor at least 1
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}
   */
  public StatisticAssert isWithinFactorOf(double factor, Measurement reference) {
    requireComparable(factor, reference);
    if (ratioTo(reference) > factor) {
      throw assertionError(shouldBeWithinFactor(actual, reference, statistic, factor));
    }
    return myself;
  }

  /**
   * Verifies that the figure is more than {@code factor} times the same figure of {@code
   * reference}: documents a known cost, e.g. "gVisor's getpid is more than 2x the host's".
   *
   * @param factor at least 1
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}
   */
  public StatisticAssert isMoreThanFactorOf(double factor, Measurement reference) {
    requireComparable(factor, reference);
    if (ratioTo(reference) <= factor) {
      throw assertionError(shouldExceedFactor(actual, reference, statistic, factor));
    }
    return myself;
  }

  private double value() {
    isNotNull();
    return actual.nanos(statistic);
  }

  private double ratioTo(Measurement reference) {
    return actual.ratioTo(reference, statistic);
  }

  private void requireLimit(Duration limit) {
    isNotNull();
    if (limit == null || limit.isNegative()) {
      throw new IllegalArgumentException(
          "The limit to compare "
              + statistic.label()
              + " with must be a non-negative duration, but was "
              + limit);
    }
  }

  private void requireComparable(double factor, Measurement reference) {
    isNotNull();
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "The factor must be a finite number of at least 1.0, but was " + factor);
    }
    References.requireSameProbe(actual, reference);
  }
}
