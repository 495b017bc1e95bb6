package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.time.Duration;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@code isAtMost}: a statistic above a duration, or a figure above
 * a number in its unit.
 */
public final class ShouldBeAtMost extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param statistic the statistic compared
   * @param limit the largest duration allowed
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtMost(
      Measurement actual, Statistic statistic, Duration limit) {
    return new ShouldBeAtMost(ComparisonMessage.limit(actual, statistic, "at most", limit));
  }

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param limit the largest value allowed, in the figure's unit
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtMost(
      Measurement actual, Figure figure, double limit) {
    return new ShouldBeAtMost(ComparisonMessage.limit(actual, figure, "at most", limit));
  }

  private ShouldBeAtMost(ComparisonMessage message) {
    super(message.format(), message.arguments());
  }
}
