package dev.junitsandbox.assertj;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * Creates the message of a failed or inconclusive {@link RatioAssert#isBelow}: a ratio whose
 * interval is not entirely below a bound. It prints the ratio with its interval, p and trial
 * counts, both sides' trials in run order and the rule.
 */
public final class ShouldHaveRatioBelow extends BasicErrorMessageFactory {

  /**
   * @param comparison the comparison under test
   * @param figure the compared figure, one of {@code comparison}'s
   * @param bound the bound the whole interval must be below
   * @param inconclusive whether the interval straddles the bound (else it lies on the failing side)
   * @return the message factory
   */
  public static ErrorMessageFactory shouldHaveRatioBelow(
      Comparison comparison, FigureComparison figure, double bound, boolean inconclusive) {
    return new ShouldHaveRatioBelow(comparison, figure, bound, inconclusive);
  }

  private ShouldHaveRatioBelow(
      Comparison comparison, FigureComparison figure, double bound, boolean inconclusive) {
    super(
        "%nExpecting the ratio of %s:%n  %s%nto be below:%n  %s%n%s%nTrials in run order:%n%s%nRule: %s",
        unquotedString(ComparisonMessages.subject(comparison, figure)),
        unquotedString(ComparisonMessages.ratio(figure)),
        unquotedString(ComparisonMessage.asWritten(bound)),
        unquotedString(
            ComparisonMessages.outcome(
                inconclusive, "the whole interval was at or above it", comparison.rule().strict())),
        unquotedString(ComparisonMessages.trials(comparison, figure)),
        unquotedString(comparison.rule().describe()));
  }
}
