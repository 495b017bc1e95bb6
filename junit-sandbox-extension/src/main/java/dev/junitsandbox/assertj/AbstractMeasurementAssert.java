package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a {@link Measurement}; pick a figure ({@link #p50()}, {@link #p99()}, ...) to
 * compare it with a value or with another measurement.
 */
public abstract class AbstractMeasurementAssert<SELF extends AbstractMeasurementAssert<SELF>>
    extends AbstractObjectAssert<SELF, Measurement> {

  protected AbstractMeasurementAssert(Measurement actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /** The median. */
  public StatisticAssert p50() {
    return statistic(Statistic.P50);
  }

  /** The 90th percentile. */
  public StatisticAssert p90() {
    return statistic(Statistic.P90);
  }

  /** The 99th percentile. */
  public StatisticAssert p99() {
    return statistic(Statistic.P99);
  }

  /** The largest recorded value. */
  public StatisticAssert max() {
    return statistic(Statistic.MAX);
  }

  /** The arithmetic mean. */
  public StatisticAssert mean() {
    return statistic(Statistic.MEAN);
  }

  /** Any of the {@link Statistic}s. */
  public StatisticAssert statistic(Statistic statistic) {
    isNotNull();
    return new StatisticAssert(actual, statistic);
  }

  /**
   * One of the measurement's named figures, e.g. {@code figure("requestsPerSecond")}.
   *
   * @throws IllegalArgumentException naming the figures the measurement has
   */
  public FigureAssert figure(String name) {
    isNotNull();
    return new FigureAssert(actual, actual.figure(name));
  }

  /** Verifies that the measurement holds exactly {@code expected} values. */
  public SELF hasCount(long expected) {
    isNotNull();
    if (actual.count() != expected) {
      failWithMessage(
          "%nExpecting measurement:%n  %s%nto hold %s values but it holds %s",
          actual.summary(), expected, actual.count());
    }
    return myself;
  }
}
