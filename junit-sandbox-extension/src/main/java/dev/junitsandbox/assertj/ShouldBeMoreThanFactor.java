package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractStatisticAssert#isMoreThanFactorOf}: a known cost
 * that did not show, a statistic at most a factor of the same statistic of a reference. It prints
 * both distributions and the ratio.
 */
public final class ShouldBeMoreThanFactor extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param reference the measurement it was compared with
   * @param statistic the statistic compared
   * @param factor the ratio the statistic had to exceed
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeMoreThanFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    return new ShouldBeMoreThanFactor(
        ComparisonMessage.ratio(actual, statistic, "more than %sx", factor, reference));
  }

  private ShouldBeMoreThanFactor(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
