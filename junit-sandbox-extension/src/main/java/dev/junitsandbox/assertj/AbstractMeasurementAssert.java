package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveCount.shouldHaveCount;
import static dev.junitsandbox.assertj.ShouldHaveLatency.shouldHaveLatency;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.AssertFactory;

/**
 * Assertions on a {@link Measurement}. Navigate to a statistic of its latencies ({@link #p50()},
 * {@link #p99()}, ...) or to one of its named figures ({@link #figure(String)}) to compare it with
 * a limit or with another measurement. Navigation keeps this assertion's state: a description given
 * with {@code as(...)}, an error message given with {@code withFailMessage(...)} and a
 * representation given with {@code withRepresentation(...)} apply to the checks that follow.
 *
 * <pre>{@code
 * assertThat(runsc).as("getpid under gVisor").p50().isWithinFactorOf(2.0, host);
 * }</pre>
 *
 * @param <SELF> the type of the concrete assertion, returned by every check
 */
public abstract class AbstractMeasurementAssert<SELF extends AbstractMeasurementAssert<SELF>>
    extends AbstractObjectAssert<SELF, Measurement> {

  /**
   * @param actual the measurement under test; may be null (every check then fails)
   * @param selfType the concrete assertion class
   */
  protected AbstractMeasurementAssert(Measurement actual, Class<?> selfType) {
    super(actual, selfType);
  }

  /**
   * The median latency, in nanoseconds.
   *
   * @return an assertion on the statistic, with this one's description, message and representation
   * @throws AssertionError if the measurement is null or holds no latency distribution
   */
  @CheckReturnValue
  public StatisticAssert p50() {
    return statistic(Statistic.P50);
  }

  /**
   * The 90th percentile of the latencies, in nanoseconds.
   *
   * @return an assertion on the statistic, with this one's description, message and representation
   * @throws AssertionError if the measurement is null or holds no latency distribution
   */
  @CheckReturnValue
  public StatisticAssert p90() {
    return statistic(Statistic.P90);
  }

  /**
   * The 99th percentile of the latencies, in nanoseconds.
   *
   * @return an assertion on the statistic, with this one's description, message and representation
   * @throws AssertionError if the measurement is null or holds no latency distribution
   */
  @CheckReturnValue
  public StatisticAssert p99() {
    return statistic(Statistic.P99);
  }

  /**
   * The largest recorded latency, in nanoseconds.
   *
   * @return an assertion on the statistic, with this one's description, message and representation
   * @throws AssertionError if the measurement is null or holds no latency distribution
   */
  @CheckReturnValue
  public StatisticAssert max() {
    return statistic(Statistic.MAX);
  }

  /**
   * The arithmetic mean of the latencies, in nanoseconds.
   *
   * @return an assertion on the statistic, with this one's description, message and representation
   * @throws AssertionError if the measurement is null or holds no latency distribution
   */
  @CheckReturnValue
  public StatisticAssert mean() {
    return statistic(Statistic.MEAN);
  }

  /**
   * Any of the {@link Statistic}s of the latencies, in nanoseconds.
   *
   * @param statistic the statistic to assert on
   * @return an assertion on the statistic, with this one's description, message and representation
   * @throws IllegalArgumentException if {@code statistic} is null
   * @throws AssertionError if the measurement is null or holds no latency distribution
   */
  @CheckReturnValue
  public StatisticAssert statistic(Statistic statistic) {
    isNotNull();
    if (statistic == null) {
      throw new IllegalArgumentException("The statistic must not be null; pass e.g. Statistic.P50");
    }
    requireLatency(statistic.label());
    return navigate(measurement -> new StatisticAssert(measurement, statistic));
  }

  /**
   * One of the measurement's named figures, e.g. {@code figure("requestsPerSecond")}, in its unit.
   *
   * @param name the figure's name, as the probe's javadoc lists it
   * @return an assertion on the figure, with this one's description, message and representation
   * @throws IllegalArgumentException naming the figures the measurement has, if it has none called
   *     {@code name}
   * @throws AssertionError if the measurement is null
   */
  @CheckReturnValue
  public FigureAssert figure(String name) {
    isNotNull();
    Figure figure = actual.figure(name);
    return navigate(measurement -> new FigureAssert(measurement, figure));
  }

  /**
   * Verifies that the measurement's latency distribution holds exactly {@code expected} values.
   *
   * @param expected 0 or more
   * @return this assertion object
   * @throws IllegalArgumentException if {@code expected} is negative
   */
  public SELF hasCount(long expected) {
    isNotNull();
    if (expected < 0) {
      throw new IllegalArgumentException(
          "The expected count must be 0 or more, but was " + expected);
    }
    requireLatency("count");
    if (actual.count() != expected) {
      throw assertionError(shouldHaveCount(actual, expected));
    }
    return myself;
  }

  private void requireLatency(String wanted) {
    if (!actual.hasLatency()) {
      throw assertionError(shouldHaveLatency(actual, wanted));
    }
  }

  /**
   * An assertion on a part of the measurement that carries this one's description, overriding error
   * message and representation.
   */
  private <A extends AbstractAssert<?, ?>> A navigate(AssertFactory<Measurement, A> factory) {
    // AssertJ navigates with withAssertionState(myself) (AbstractOptionalAssert.get()), which is
    // package-private in 3.27; extracting(...) is the hook it leaves other packages, and it calls
    // exactly that on the assertion the factory makes.
    return extracting(Function.identity(), factory);
  }
}
