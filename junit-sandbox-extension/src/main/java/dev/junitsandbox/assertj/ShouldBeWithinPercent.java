package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractFigureAssert#isWithinPercentOf}: a figure that
 * differs from a reference's by more than a percentage. It prints both measurements and the ratio.
 */
public final class ShouldBeWithinPercent extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param reference the measurement it was compared with
   * @param base the figure of {@code reference} with the same name
   * @param percent the largest difference allowed, from 0 to 100
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeWithinPercent(
      Measurement actual, Figure figure, Measurement reference, Figure base, double percent) {
    return new ShouldBeWithinPercent(
        ComparisonMessage.ratio(actual, figure, "within %s%%", percent, reference, base));
  }

  private ShouldBeWithinPercent(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
