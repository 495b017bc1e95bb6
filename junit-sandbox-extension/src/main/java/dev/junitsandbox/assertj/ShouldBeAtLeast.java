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
    return new ShouldBeAtLeast(
        "%nExpecting %s of:%n  %s%nto be at least:%n  %s%nbut was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        unquotedString(Statistic.formatNanos(limit.toNanos())),
        unquotedString(Statistic.formatNanos(actual.nanos(statistic))));
  }

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param limit the smallest value allowed, in the figure's unit
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeAtLeast(
      Measurement actual, Figure figure, double limit) {
    return new ShouldBeAtLeast(
        "%nExpecting %s of:%n  %s%nto be at least %s %s%nbut was %s %s",
        unquotedString(figure.name()),
        unquotedString(actual.summary()),
        unquotedString(Figure.formatValue(limit)),
        unquotedString(figure.unit()),
        unquotedString(Figure.formatValue(figure.value())),
        unquotedString(figure.unit()));
  }

  private ShouldBeAtLeast(String format, Object... arguments) {
    super(format, arguments);
  }
}
