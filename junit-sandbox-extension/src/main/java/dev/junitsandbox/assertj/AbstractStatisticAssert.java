package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeAtLeast.shouldBeAtLeast;
import static dev.junitsandbox.assertj.ShouldBeAtMost.shouldBeAtMost;
import static dev.junitsandbox.assertj.ShouldBeMoreThanFactor.shouldBeMoreThanFactor;
import static dev.junitsandbox.assertj.ShouldBeWithinFactor.shouldBeWithinFactor;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import java.util.Objects;
import org.assertj.core.api.AbstractDoubleAssert;

/**
 * Assertions on one statistic (p50, p99, mean, ...) of a {@link Measurement}'s latencies. The
 * actual value is the statistic in nanoseconds, so AssertJ's number assertions apply to it ({@code
 * p50().isEqualTo(150L)}, {@code p99().isLessThan(2_000.0)}); the methods declared here compare it
 * with a {@link Duration} or with the same statistic of a reference measurement, and their messages
 * show the whole distribution.
 *
 * <p>Reach it from {@link AbstractMeasurementAssert#p50()} and its siblings: they keep the
 * description, overriding error message and representation of the measurement's assertion.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check
 */
public abstract class AbstractStatisticAssert<SELF extends AbstractStatisticAssert<SELF>>
    extends AbstractDoubleAssert<SELF> {

  private final Measurement measurement;
  private final Statistic statistic;

  /**
   * @param measurement the measurement the statistic is read from; it holds a latency distribution
   * @param statistic the statistic under test
   * @param selfType the concrete assertion class
   */
  protected AbstractStatisticAssert(
      Measurement measurement, Statistic statistic, Class<?> selfType) {
    super(nanos(measurement, statistic), selfType);
    this.measurement = measurement;
    this.statistic = statistic;
  }

  private static double nanos(Measurement measurement, Statistic statistic) {
    Objects.requireNonNull(measurement, "measurement");
    Objects.requireNonNull(statistic, "statistic");
    return measurement.nanos(statistic);
  }

  /**
   * Verifies that the statistic is at most {@code limit}.
   *
   * @param limit not negative
   * @return this assertion object
   * @throws IllegalArgumentException if {@code limit} is null or negative
   */
  public SELF isAtMost(Duration limit) {
    isNotNull();
    requireLimit(limit);
    if (actual > limit.toNanos()) {
      throw assertionError(shouldBeAtMost(measurement, statistic, limit));
    }
    return myself;
  }

  /**
   * Verifies that the statistic is at least {@code limit}.
   *
   * @param limit not negative
   * @return this assertion object
   * @throws IllegalArgumentException if {@code limit} is null or negative
   */
  public SELF isAtLeast(Duration limit) {
    isNotNull();
    requireLimit(limit);
    if (actual < limit.toNanos()) {
      throw assertionError(shouldBeAtLeast(measurement, statistic, limit));
    }
    return myself;
  }

  /**
   * Verifies that the statistic is at most {@code factor} times the same statistic of {@code
   * reference}: "runc's p50 is within 2x of the host's". Being faster than the reference always
   * passes.
   *
   * @param factor a finite number of at least 1
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}; the same probe
   *     with the same parameters
   * @return this assertion object
   * @throws IllegalArgumentException if {@code factor} or {@code reference} is not as described
   */
  public SELF isWithinFactorOf(double factor, Measurement reference) {
    isNotNull();
    requireComparable(factor, reference);
    if (measurement.ratioTo(reference, statistic) > factor) {
      throw assertionError(shouldBeWithinFactor(measurement, reference, statistic, factor));
    }
    return myself;
  }

  /**
   * Verifies that the statistic is more than {@code factor} times the same statistic of {@code
   * reference}: documents a known cost, e.g. "gVisor's getpid is more than 2x the host's".
   *
   * @param factor a finite number of at least 1
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}; the same probe
   *     with the same parameters
   * @return this assertion object
   * @throws IllegalArgumentException if {@code factor} or {@code reference} is not as described
   */
  public SELF isMoreThanFactorOf(double factor, Measurement reference) {
    isNotNull();
    requireComparable(factor, reference);
    if (measurement.ratioTo(reference, statistic) <= factor) {
      throw assertionError(shouldBeMoreThanFactor(measurement, reference, statistic, factor));
    }
    return myself;
  }

  private void requireLimit(Duration limit) {
    if (limit == null || limit.isNegative()) {
      throw new IllegalArgumentException(
          "The limit to compare "
              + statistic.label()
              + " with must be a non-negative duration, but was "
              + limit);
    }
  }

  private void requireComparable(double factor, Measurement reference) {
    if (!(factor >= 1.0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "The factor must be a finite number of at least 1.0, but was " + factor);
    }
    References.requireSameProbe(measurement, reference);
    References.requireLatency(reference, statistic);
  }
}
