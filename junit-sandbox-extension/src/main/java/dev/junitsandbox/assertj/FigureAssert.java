package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldCompareFigure.shouldBeAtLeastFraction;
import static dev.junitsandbox.assertj.ShouldCompareFigure.shouldBeBelowFraction;
import static dev.junitsandbox.assertj.ShouldCompareFigure.shouldBeLimited;
import static dev.junitsandbox.assertj.ShouldCompareFigure.shouldBeWithinPercent;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one named {@link Figure} of a {@link Measurement} (a throughput, a rate, a size).
 * Comparisons with another measurement use its figure of the same name.
 */
public class FigureAssert extends AbstractAssert<FigureAssert, Measurement> {

  private final Figure figure;

  FigureAssert(Measurement actual, Figure figure) {
    super(actual, FigureAssert.class);
    this.figure = Objects.requireNonNull(figure, "figure");
  }

  /**
   * Verifies that the figure differs from the reference's by at most {@code percent} percent, in
   * either direction: "runc's CPU events/s are within 10% of the host's".
   *
   * @param percent from 0 to 100
   */
  public FigureAssert isWithinPercentOf(double percent, Measurement reference) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("percent must be from 0 to 100, but was " + percent);
    }
    Figure base = referenceFigure(reference);
    if (Math.abs(figure.ratioTo(base) - 1.0) > percent / 100.0) {
      throw assertionError(shouldBeWithinPercent(actual, figure, reference, base, percent));
    }
    return myself;
  }

  /**
   * Verifies that the figure is at least {@code fraction} of the reference's: "runc serves at least
   * half the host's requests per second".
   *
   * @param fraction more than 0
   */
  public FigureAssert isAtLeastFractionOf(double fraction, Measurement reference) {
    requireFraction(fraction);
    Figure base = referenceFigure(reference);
    if (figure.ratioTo(base) < fraction) {
      throw assertionError(shouldBeAtLeastFraction(actual, figure, reference, base, fraction));
    }
    return myself;
  }

  /**
   * Verifies that the figure is below {@code fraction} of the reference's; documents a known cost,
   * e.g. "gVisor serves less than half of runc's requests per second".
   *
   * @param fraction more than 0
   */
  public FigureAssert isBelowFractionOf(double fraction, Measurement reference) {
    requireFraction(fraction);
    Figure base = referenceFigure(reference);
    if (figure.ratioTo(base) >= fraction) {
      throw assertionError(shouldBeBelowFraction(actual, figure, reference, base, fraction));
    }
    return myself;
  }

  /** Verifies that the figure is at least {@code limit}, in the figure's unit. */
  public FigureAssert isAtLeast(double limit) {
    isNotNull();
    if (figure.value() < limit) {
      throw assertionError(shouldBeLimited(actual, figure, "at least", limit));
    }
    return myself;
  }

  /** Verifies that the figure is at most {@code limit}, in the figure's unit. */
  public FigureAssert isAtMost(double limit) {
    isNotNull();
    if (figure.value() > limit) {
      throw assertionError(shouldBeLimited(actual, figure, "at most", limit));
    }
    return myself;
  }

  private static void requireFraction(double fraction) {
    if (!(fraction > 0) || Double.isInfinite(fraction)) {
      throw new IllegalArgumentException(
          "The fraction must be a finite number above 0, but was " + fraction);
    }
  }

  private Figure referenceFigure(Measurement reference) {
    isNotNull();
    References.requireSameProbe(actual, reference);
    return reference.figure(figure.name());
  }
}
