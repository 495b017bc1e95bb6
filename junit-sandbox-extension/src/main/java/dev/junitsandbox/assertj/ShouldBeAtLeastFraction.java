package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractFigureAssert#isAtLeastFractionOf}: a figure below
 * a fraction of a reference's. It prints both measurements and the ratio.
 */
public final class ShouldBeAtLeastFraction extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param reference the measurement it was compared with
   * @param base the figure of {@code reference} with the same name
   * @param fraction the smallest ratio allowed
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtLeastFraction(
      Measurement actual, Figure figure, Measurement reference, Figure base, double fraction) {
    return new ShouldBeAtLeastFraction(
        ComparisonMessage.ratio(actual, figure, "at least %sx", fraction, reference, base));
  }

  private ShouldBeAtLeastFraction(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
