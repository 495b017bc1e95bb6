package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractFigureAssert#isBelowFractionOf}: a known cost that
 * did not show, a figure at or above a fraction of a reference's. It prints both measurements and
 * the ratio.
 */
public final class ShouldBeBelowFraction extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param reference the measurement it was compared with
   * @param base the figure of {@code reference} with the same name
   * @param fraction the ratio the figure had to stay below
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeBelowFraction(
      Measurement actual, Figure figure, Measurement reference, Figure base, double fraction) {
    return new ShouldBeBelowFraction(
        ComparisonMessage.ratio(actual, figure, "below %sx", fraction, reference, base));
  }

  private ShouldBeBelowFraction(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
