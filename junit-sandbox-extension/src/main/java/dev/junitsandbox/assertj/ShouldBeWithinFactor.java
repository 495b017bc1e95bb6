package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractStatisticAssert#isWithinFactorOf}: a statistic
 * more than a factor of the same statistic of a reference. It prints both distributions and the
 * ratio.
 */
public final class ShouldBeWithinFactor extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param reference the measurement it was compared with
   * @param statistic the statistic compared
   * @param factor the largest ratio allowed
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeWithinFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    return new ShouldBeWithinFactor(
        ComparisonMessage.ratio(actual, statistic, "within %sx", factor, reference));
  }

  private ShouldBeWithinFactor(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
