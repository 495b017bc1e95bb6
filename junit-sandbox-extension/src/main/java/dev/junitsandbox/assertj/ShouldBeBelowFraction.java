package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed {@link AbstractFigureAssert#isBelowFractionOf}: a known cost that
 * did not show, a figure at or above a fraction of a reference's. It prints both measurements and
 * the ratio.
 */
public final class ShouldBeBelowFraction extends BasicErrorMessageFactory {

  /**
   * @param actual the measurement under test
   * @param figure the figure of {@code actual} compared
   * @param reference the measurement it was compared with
   * @param base the figure of {@code reference} with the same name
   * @param fraction the ratio the figure had to stay below
   * @return the message factory
   */
  public static ErrorMessageFactory shouldBeBelowFraction(
      Measurement actual, Figure figure, Measurement reference, Figure base, double fraction) {
    return new ShouldBeBelowFraction(actual, figure, reference, base, fraction);
  }

  private ShouldBeBelowFraction(
      Measurement actual, Figure figure, Measurement reference, Figure base, double fraction) {
    super(
        "%nExpecting %s of:%n  %s%nto be below %sx of %s:%n  %s%nbut ratio was %s",
        unquotedString(figure.name()),
        unquotedString(actual.summary()),
        unquotedString(Bounds.asWritten(fraction)),
        unquotedString(reference.runtime()),
        unquotedString(reference.summary()),
        unquotedString(Statistic.formatRatio(figure.ratioTo(base))));
  }
}
