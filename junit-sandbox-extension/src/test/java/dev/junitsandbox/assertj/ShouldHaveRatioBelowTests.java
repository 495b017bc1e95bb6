package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveRatioBelow.shouldHaveRatioBelow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.Trials;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveRatioBelowTests {

  // completely separated: the 99% interval is [200/120, 240/100], p = 2 / 252
  static final Comparison TWICE =
      Trials.comparison(
          new double[] {200, 210, 220, 230, 240},
          new double[] {100, 105, 110, 115, 120},
          ComparisonRule.defaults());

  @Test
  void printsTheRatioItsIntervalPTrialsInRunOrderAndTheRule() {
    // WHEN
    String message =
        shouldHaveRatioBelow(TWICE, TWICE.figure("p50"), 1.5, false)
            .create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    assertThat(message)
        .isEqualTo(
            String.format(
                "[Test] %n"
                    + "Expecting the ratio of p50 of syscall.getpid, runc (A) / host (B):%n"
                    + "  2.00x, 99%% interval [1.67, 2.40], Mann-Whitney p=0.0079, 5 trials of A"
                    + " and 5 of B, verdict worse%n"
                    + "to be below:%n"
                    + "  1.5%n"
                    + "but the whole interval was at or above it.%n"
                    + "Trials in run order:%n"
                    + "  runc (A), median 220 ns: 200 ns, 210 ns, 220 ns, 230 ns, 240 ns%n"
                    + "  host (B), median 110 ns: 100 ns, 105 ns, 110 ns, 115 ns, 120 ns%n"
                    + "Rule: equivalent if the 99%% interval of the ratio A/B lies inside [0.95,"
                    + " 1.05]; better or worse if it lies entirely on one side of 1 and"
                    + " Mann-Whitney p < 0.01; else inconclusive"));
  }

  @Test
  void saysWhatToDoWhenTheIntervalStraddlesTheBound() {
    // WHEN
    String message =
        shouldHaveRatioBelow(TWICE, TWICE.figure("p50"), 2.0, true)
            .create(new TextDescription(""), new StandardRepresentation());

    // THEN
    assertThat(message)
        .contains(
            String.format(
                "to be below:%n  2%nbut the interval straddles the bound: the trials cannot tell"
                    + " (inconclusive). More trials may decide it (trials(n), or"
                    + " junit.sandbox.comparisons.trials); the test is aborted rather than failed;"
                    + " junit.sandbox.comparisons.strict=true makes it fail.%n"));
  }
}
