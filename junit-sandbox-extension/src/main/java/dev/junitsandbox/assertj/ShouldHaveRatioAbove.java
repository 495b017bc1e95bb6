package dev.junitsandbox.assertj;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed or inconclusive {@link RatioAssert#isAbove}: a ratio whose
 * interval is not entirely above a bound. It prints the ratio with its interval, p and trial
 * counts, both sides' trials in run order and the rule.
 */
public final class ShouldHaveRatioAbove extends BasicErrorMessageFactory {

  /**
   * @param comparison the comparison under test
   * @param figure the compared figure, one of {@code comparison}'s
   * @param bound the bound the whole interval must be above
   * @param inconclusive whether the interval straddles the bound (else it lies on the failing side)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRatioAbove(
      Comparison comparison, FigureComparison figure, double bound, boolean inconclusive) {
    return new ShouldHaveRatioAbove(comparison, figure, bound, inconclusive);
  }

  private ShouldHaveRatioAbove(
      Comparison comparison, FigureComparison figure, double bound, boolean inconclusive) {
    super(
        "%nExpecting the ratio of %s:%n  %s%nto be above:%n  %s%n%s%nTrials in run order:%n%s%nRule: %s",
        unquotedString(ComparisonMessages.subject(comparison, figure)),
        unquotedString(ComparisonMessages.ratio(figure)),
        unquotedString(ComparisonMessage.asWritten(bound)),
        unquotedString(
            ComparisonMessages.outcome(
                inconclusive, "the whole interval was at or below it", comparison.rule().strict())),
        unquotedString(ComparisonMessages.trials(comparison, figure)),
        unquotedString(comparison.rule().describe()));
  }
}
