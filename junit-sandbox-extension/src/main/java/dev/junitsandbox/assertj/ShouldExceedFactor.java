package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Message for a figure that is expected to exceed a factor of its reference but does not. */
public final class ShouldExceedFactor extends BasicErrorMessageFactory {

  private ShouldExceedFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    super(
        "%nExpecting %s of:%n  %s%nto be more than %sx of %s:%n  %s%nbut ratio was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        factor,
        unquotedString(reference.runtime()),
        unquotedString(reference.summary()),
        unquotedString(Statistic.formatRatio(actual.ratioTo(reference, statistic))));
  }

  public static ErrorMessageFactory shouldExceedFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    return new ShouldExceedFactor(actual, reference, statistic, factor);
  }
}
