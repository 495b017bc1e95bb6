package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Messages for a figure on the wrong side of a factor of its reference; they print both
 * distributions' key figures and the ratio.
 */
public final class ShouldCompareToReference extends BasicErrorMessageFactory {

  private ShouldCompareToReference(
      Measurement actual,
      Measurement reference,
      Statistic statistic,
      String relation,
      double factor) {
    super(
        "%nExpecting %s of:%n  %s%nto be %s %sx of %s:%n  %s%nbut ratio was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        unquotedString(relation),
        factor,
        unquotedString(reference.runtime()),
        unquotedString(reference.summary()),
        unquotedString(Statistic.formatRatio(actual.ratioTo(reference, statistic))));
  }

  public static ErrorMessageFactory shouldBeWithinFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    return new ShouldCompareToReference(actual, reference, statistic, "within", factor);
  }

  public static ErrorMessageFactory shouldExceedFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    return new ShouldCompareToReference(actual, reference, statistic, "more than", factor);
  }
}
