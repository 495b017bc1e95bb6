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
    return new ShouldBeAtMost(
        "%nExpecting %s of:%n  %s%nto be at most:%n  %s%nbut was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        unquotedString(Statistic.formatNanos(limit.toNanos())),
        unquotedString(Statistic.formatNanos(actual.nanos(statistic))));
  }

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param limit the largest value allowed, in the figure's unit
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtMost(
      Measurement actual, Figure figure, double limit) {
    return new ShouldBeAtMost(
        "%nExpecting %s of:%n  %s%nto be at most %s %s%nbut was %s %s",
        unquotedString(figure.name()),
        unquotedString(actual.summary()),
        unquotedString(Figure.formatValue(limit)),
        unquotedString(figure.unit()),
        unquotedString(Figure.formatValue(figure.value())),
        unquotedString(figure.unit()));
  }

  private ShouldBeAtMost(String format, Object... arguments) {
    super(format, arguments);
  }
}
