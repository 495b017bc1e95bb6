package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.math.BigDecimal;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Messages for a named figure on the wrong side of a reference or a limit. */
public final class ShouldCompareFigure extends BasicErrorMessageFactory {

  private ShouldCompareFigure(String format, Object... arguments) {
    super(format, arguments);
  }

  private static ErrorMessageFactory relativeTo(
      Measurement actual,
      Figure figure,
      Measurement reference,
      Figure base,
      String relation,
      String bound) {
    return new ShouldCompareFigure(
        "%nExpecting %s of:%n  %s%nto be %s %s of %s:%n  %s%nbut ratio was %s",
        unquotedString(figure.name()),
        unquotedString(actual.summary()),
        unquotedString(relation),
        unquotedString(bound),
        unquotedString(reference.runtime()),
        unquotedString(reference.summary()),
        unquotedString(Statistic.formatRatio(figure.ratioTo(base))));
  }

  /** A bound as the test author wrote it: {@code 0.5}, {@code 10}. */
  private static String plain(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }

  public static ErrorMessageFactory shouldBeWithinPercent(
      Measurement actual, Figure figure, Measurement reference, Figure base, double percent) {
    return relativeTo(actual, figure, reference, base, "within", plain(percent) + "%");
  }

  public static ErrorMessageFactory shouldBeAtLeastFraction(
      Measurement actual, Figure figure, Measurement reference, Figure base, double fraction) {
    return relativeTo(actual, figure, reference, base, "at least", plain(fraction) + "x");
  }

  public static ErrorMessageFactory shouldBeBelowFraction(
      Measurement actual, Figure figure, Measurement reference, Figure base, double fraction) {
    return relativeTo(actual, figure, reference, base, "below", plain(fraction) + "x");
  }

  public static ErrorMessageFactory shouldBeLimited(
      Measurement actual, Figure figure, String relation, double limit) {
    return new ShouldCompareFigure(
        "%nExpecting %s of:%n  %s%nto be %s %s %s%nbut was %s %s",
        unquotedString(figure.name()),
        unquotedString(actual.summary()),
        unquotedString(relation),
        unquotedString(Figure.formatValue(limit)),
        unquotedString(figure.unit()),
        unquotedString(Figure.formatValue(figure.value())),
        unquotedString(figure.unit()));
  }
}
