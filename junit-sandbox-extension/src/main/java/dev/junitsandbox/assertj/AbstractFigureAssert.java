package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldBeAtLeast.shouldBeAtLeast;
import static dev.junitsandbox.assertj.ShouldBeAtLeastFraction.shouldBeAtLeastFraction;
import static dev.junitsandbox.assertj.ShouldBeAtMost.shouldBeAtMost;
import static dev.junitsandbox.assertj.ShouldBeBelowFraction.shouldBeBelowFraction;
import static dev.junitsandbox.assertj.ShouldBeWithinPercent.shouldBeWithinPercent;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import java.util.Objects;
import org.assertj.core.api.AbstractDoubleAssert;

/**
 * Assertions on one named {@link Figure} of a {@link Measurement} (a throughput, a rate, a size).
 * The actual value is the figure's value in its unit, so AssertJ's number assertions apply to it
 * ({@code figure("requestsPerSecond").isGreaterThan(100.0)}); the methods declared here compare it
 * with a limit or with the figure of the same name of a reference measurement, and their messages
 * show the whole measurement.
 *
 * <p>Reach it from {@link AbstractMeasurementAssert#figure(String)}: it keeps the description,
 * overriding error message and representation of the measurement's assertion.
 *
 * @param <SELF> the type of the concrete assertion, returned by every check
 */
public abstract class AbstractFigureAssert<SELF extends AbstractFigureAssert<SELF>>
    extends AbstractDoubleAssert<SELF> {

  private final Measurement measurement;
  private final Figure figure;

  /**
   * @param measurement the measurement the figure belongs to
   * @param figure the figure under test, one of {@code measurement}'s
   * @param selfType the concrete assertion class
   */
  protected AbstractFigureAssert(Measurement measurement, Figure figure, Class<?> selfType) {
    super(Objects.requireNonNull(figure, "figure").value(), selfType);
    this.measurement = Objects.requireNonNull(measurement, "measurement");
    this.figure = figure;
  }

  /**
   * Verifies that the figure differs from the reference's by at most {@code percent} percent, in
   * either direction: "runc's CPU events/s are within 10% of the host's".
   *
   * @param percent from 0 to 100
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}; the same probe
   *     with the same parameters
   * @return this assertion object
   * @throws IllegalArgumentException if {@code percent} or {@code reference} is not as described
   */
  public SELF isWithinPercentOf(double percent, Measurement reference) {
    isNotNull();
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent must be from 0 to 100, but was " + percent);
    }
    Figure base = referenceFigure(reference);
    if (Math.abs(figure.ratioTo(base) - 1.0) > percent / 100.0) {
      throw assertionError(shouldBeWithinPercent(measurement, figure, reference, base, percent));
    }
    return myself;
  }

  /**
   * Verifies that the figure is at least {@code fraction} of the reference's: "runc serves at least
   * half the host's requests per second".
   *
   * @param fraction a finite number above 0
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}; the same probe
   *     with the same parameters
   * @return this assertion object
   * @throws IllegalArgumentException if {@code fraction} or {@code reference} is not as described
   */
  public SELF isAtLeastFractionOf(double fraction, Measurement reference) {
    isNotNull();
    requireFraction(fraction);
    Figure base = referenceFigure(reference);
    if (figure.ratioTo(base) < fraction) {
      throw assertionError(shouldBeAtLeastFraction(measurement, figure, reference, base, fraction));
    }
    return myself;
  }

  /**
   * Verifies that the figure is below {@code fraction} of the reference's; documents a known cost,
   * e.g. "gVisor serves less than half of runc's requests per second".
   *
   * @param fraction a finite number above 0
   * @param reference the baseline, typically {@link dev.junitsandbox.Sandbox#host}; the same probe
   *     with the same parameters
   * @return this assertion object
   * @throws IllegalArgumentException if {@code fraction} or {@code reference} is not as described
   */
  public SELF isBelowFractionOf(double fraction, Measurement reference) {
    isNotNull();
    requireFraction(fraction);
    Figure base = referenceFigure(reference);
    if (figure.ratioTo(base) >= fraction) {
      throw assertionError(shouldBeBelowFraction(measurement, figure, reference, base, fraction));
    }
    return myself;
  }

  /**
   * Verifies that the figure is at least {@code limit}, in the figure's unit.
   *
   * @param limit a finite number
   * @return this assertion object
   * @throws IllegalArgumentException if {@code limit} is NaN or infinite
   */
  public SELF isAtLeast(double limit) {
    isNotNull();
    requireLimit(limit);
    if (actual < limit) {
      throw assertionError(shouldBeAtLeast(measurement, figure, limit));
    }
    return myself;
  }

  /**
   * Verifies that the figure is at most {@code limit}, in the figure's unit.
   *
   * @param limit a finite number
   * @return this assertion object
   * @throws IllegalArgumentException if {@code limit} is NaN or infinite
   */
  public SELF isAtMost(double limit) {
    isNotNull();
    requireLimit(limit);
    if (actual > limit) {
      throw assertionError(shouldBeAtMost(measurement, figure, limit));
    }
    return myself;
  }

  private static void requireFraction(double fraction) {
    if (!(fraction > 0) || Double.isInfinite(fraction)) {
      throw new IllegalArgumentException(
          "The fraction must be a finite number above 0, but was " + fraction);
    }
  }

  // a NaN or infinite limit would make the check pass or fail whatever the figure
  private void requireLimit(double limit) {
    if (!Double.isFinite(limit)) {
      throw new IllegalArgumentException(
          "The limit to compare "
              + figure.name()
              + " with must be a finite number, but was "
              + limit);
    }
  }

  private Figure referenceFigure(Measurement reference) {
    References.requireSameProbe(measurement, reference);
    return reference.figure(figure.name());
  }
}
