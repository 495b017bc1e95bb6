package dev.junitsandbox.assertj;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed or inconclusive {@link RatioAssert#isWithin}: a ratio whose
 * interval is not entirely inside a range. It prints the ratio with its interval, p and trial
 * counts, both sides' trials in run order and the rule.
 */
public final class ShouldHaveRatioWithin extends BasicErrorMessageFactory {

  /**
   * @param comparison the comparison under test
   * @param figure the compared figure, one of {@code comparison}'s
   * @param low the range's lower end
   * @param high the range's upper end
   * @param inconclusive whether the interval straddles an end (else it lies wholly outside)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRatioWithin(
      Comparison comparison,
      FigureComparison figure,
      double low,
      double high,
      boolean inconclusive) {
    return new ShouldHaveRatioWithin(comparison, figure, low, high, inconclusive);
  }

  private ShouldHaveRatioWithin(
      Comparison comparison,
      FigureComparison figure,
      double low,
      double high,
      boolean inconclusive) {
    super(
        "%nExpecting the ratio of %s:%n  %s%nto be within:%n  [%s, %s]%n%s%nTrials in run order:%n%s%nRule: %s",
        unquotedString(ComparisonMessages.subject(comparison, figure)),
        unquotedString(ComparisonMessages.ratio(figure)),
        unquotedString(ComparisonMessage.asWritten(low)),
        unquotedString(ComparisonMessage.asWritten(high)),
        unquotedString(
            ComparisonMessages.outcome(
                inconclusive,
                "the whole interval was outside that range",
                comparison.rule().strict())),
        unquotedString(ComparisonMessages.trials(comparison, figure)),
        unquotedString(comparison.rule().describe()));
  }
}
