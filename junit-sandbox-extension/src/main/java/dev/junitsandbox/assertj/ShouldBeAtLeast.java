package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@code isAtLeast}: a statistic below a duration, or a figure
 * below a number in its unit.
 */
public final class ShouldBeAtLeast extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param statistic the statistic compared
   * @param limit the smallest duration allowed
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtLeast(
      Measurement actual, Statistic statistic, Duration limit) {
    return new ShouldBeAtLeast(ComparisonMessage.limit(actual, statistic, "at least", limit));
  }

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param limit the smallest value allowed, in the figure's unit
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtLeast(
      Measurement actual, Figure figure, double limit) {
    return new ShouldBeAtLeast(ComparisonMessage.limit(actual, figure, "at least", limit));
  }

  private ShouldBeAtLeast(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
