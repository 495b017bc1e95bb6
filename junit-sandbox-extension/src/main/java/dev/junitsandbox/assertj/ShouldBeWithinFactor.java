package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Message for a figure that is more than the allowed factor of its reference. */
public final class ShouldBeWithinFactor extends BasicErrorMessageFactory {

  private ShouldBeWithinFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    super(
        "%nExpecting %s of:%n  %s%nto be within %sx of %s:%n  %s%nbut ratio was %s",
        unquotedString(statistic.label()),
        unquotedString(actual.summary()),
        factor,
        unquotedString(reference.runtime()),
        unquotedString(reference.summary()),
        unquotedString(Statistic.formatRatio(actual.ratioTo(reference, statistic))));
  }

  public static ErrorMessageFactory shouldBeWithinFactor(
      Measurement actual, Measurement reference, Statistic statistic, double factor) {
    return new ShouldBeWithinFactor(actual, reference, statistic, factor);
  }
}
