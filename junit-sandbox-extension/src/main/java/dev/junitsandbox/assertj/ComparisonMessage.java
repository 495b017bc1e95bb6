package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.math.BigDecimal;
import java.time.Duration;
import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * The two layouts every comparison message follows, in one place so that the {@code Should...}
 * factories read alike and change together: a value against a limit ({@code isAtLeast}, {@code
 * isAtMost}) and a ratio to a reference measurement ({@code isWithinFactorOf} and the others). Each
 * factory passes the words of its relation and builds itself from the result.
 *
 * <p>It extends {@link BasicErrorMessageFactory} only to reach AssertJ's {@code unquotedString},
 * which prints an argument as it is instead of as a quoted string.
 */
final class ComparisonMessage extends BasicErrorMessageFactory {

  private ComparisonMessage(String format, Object... arguments) {
    super(format, arguments);
  }

  String format() {
    return format;
  }

  Object[] arguments() {
    return arguments;
  }

  /** A statistic of {@code actual} compared with {@code limit}: {@code relation} is "at least". */
  static ComparisonMessage limit(
      Measurement actual, Statistic statistic, String relation, Duration limit) {
    return new ComparisonMessage(
        "%nExpecting %s of:%n  %s%nto be " + relation + ":%n  %s%nbut was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        unquotedString(Statistic.formatNanos(limit.toNanos())),
        unquotedString(Statistic.formatNanos(actual.nanos(statistic))));
  }

  /** A figure of {@code actual} compared with {@code limit} in its unit. */
  static ComparisonMessage limit(Measurement actual, Figure figure, String relation, double limit) {
    return new ComparisonMessage(
        "%nExpecting %s of:%n  %s%nto be " + relation + " %s %s%nbut was %s %s",
        unquotedString(figure.name()),
        unquotedString(actual.summary()),
        unquotedString(Figure.formatValue(limit)),
        unquotedString(figure.unit()),
        unquotedString(Figure.formatValue(figure.value())),
        unquotedString(figure.unit()));
  }

  /**
   * A statistic of {@code actual} against the same statistic of {@code reference}; {@code relation}
   * holds one {@code %s} for the factor, e.g. "within %sx".
   */
  static ComparisonMessage ratio(
      Measurement actual,
      Statistic statistic,
      String relation,
      double factor,
      Measurement reference) {
    return ratio(
        statistic.label(),
        actual,
        relation,
        factor,
        reference,
        actual.ratioTo(reference, statistic));
  }

  /**
   * A figure of {@code actual} against {@code base}, the figure of {@code reference} with the same
   * name; {@code relation} holds one {@code %s} for the bound, e.g. "within %s%%". The bound is
   * printed as the test author wrote it ({@code 0.5}, {@code 10}), not as a double prints ({@code
   * 10.0}), so the message reads like the assertion.
   */
  static ComparisonMessage ratio(
      Measurement actual,
      Figure figure,
      String relation,
      double bound,
      Measurement reference,
      Figure base) {
    return ratio(
        figure.name(),
        actual,
        relation,
        unquotedString(asWritten(bound)),
        reference,
        figure.ratioTo(base));
  }

  private static ComparisonMessage ratio(
      String what,
      Measurement actual,
      String relation,
      Object bound,
      Measurement reference,
      double ratio) {
    return new ComparisonMessage(
        "%nExpecting %s of:%n  %s%nto be " + relation + " of %s:%n  %s%nbut ratio was %s",
        unquotedString(what),
        unquotedString(actual.summary()),
        bound,
        unquotedString(reference.runtime()),
        unquotedString(reference.summary()),
        unquotedString(Statistic.formatRatio(ratio)));
  }

  /**
   * A bound as the test author wrote it ({@code 0.5}, {@code 10}), not as a double prints ({@code
   * 10.0}), so the message reads like the assertion.
   */
  static String asWritten(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }
}
