package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.Trials;
import dev.junitsandbox.measure.Statistic;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Ratio assertions on a comparison whose p50 ratio is 2.0 with the 99% interval [1.67, 2.40]: each
 * check passes, fails or aborts by where the whole interval lies.
 */
class RatioAssertTests {

  private static final Comparison TWICE = ShouldHaveRatioBelowTests.TWICE;
  private static final Comparison TWICE_STRICT =
      Trials.comparison(
          new double[] {200, 210, 220, 230, 240},
          new double[] {100, 105, 110, 115, 120},
          ComparisonRule.defaults().withStrict(true));

  @Test
  void passesWhenTheWholeIntervalIsOnThePassingSide() {
    assertThat(TWICE).ratio(Statistic.P50).isBelow(3.0).isAbove(1.5).isWithin(1.5, 2.5);
  }

  @Test
  void failsWhenTheWholeIntervalIsOnTheFailingSide() {
    assertThatThrownBy(() -> assertThat(TWICE).ratio("p50").isBelow(1.5))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "to be below:%n  1.5%nbut the whole interval was at or above it.".formatted());
    assertThatThrownBy(() -> assertThat(TWICE).ratio("p50").isAbove(3))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but the whole interval was at or below it.");
    assertThatThrownBy(() -> assertThat(TWICE).ratio("p50").isWithin(3, 4))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "to be within:%n  [3, 4]%nbut the whole interval was outside".formatted());
  }

  @Test
  void abortsWhenTheIntervalStraddlesTheBound() {
    for (Runnable straddling :
        new Runnable[] {
          () -> assertThat(TWICE).ratio("p50").isBelow(2.0),
          () -> assertThat(TWICE).ratio("p50").isAbove(2.0),
          () -> assertThat(TWICE).ratio("p50").isWithin(1.8, 3)
        }) {
      Throwable thrown = catchThrowable(straddling::run);
      assertThat(thrown)
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("[1.67, 2.40]")
          .hasMessageContaining("the interval straddles the bound")
          .hasMessageContaining("runc (A), median 220 ns: 200 ns, 210 ns");
    }
  }

  @Test
  void failsInsteadOfAbortingUnderAStrictRule() {
    assertThatThrownBy(() -> assertThat(TWICE_STRICT).ratio("p50").isBelow(2.0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("this fails because junit.sandbox.comparisons.strict=true.");
  }

  @Test
  void keepsTheDescriptionThroughNavigationAlsoInAnAbort() {
    assertThatThrownBy(() -> assertThat(TWICE).as("runc getpid").ratio("p50").isBelow(1.5))
        .hasMessageStartingWith("[runc getpid] ");
    assertThatThrownBy(() -> assertThat(TWICE).as("runc getpid").ratio("p50").isBelow(2.0))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("[runc getpid] ");
  }

  @Test
  void rejectsBoundsThatAreNoRatiosAndFiguresThatWereNotCompared() {
    assertThatThrownBy(() -> assertThat(TWICE).ratio("p50").isBelow(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The bound of a ratio must be a finite number above 0, but was 0.0; e.g."
                + " isBelow(2.0) for \"at most twice B\"");
    assertThatThrownBy(() -> assertThat(TWICE).ratio("p50").isWithin(2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The range's high end must be above its low end, but was [2, 1]; e.g."
                + " isWithin(0.9, 1.1)");
    assertThatThrownBy(() -> assertThat(TWICE).ratio(Statistic.P99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the comparison of syscall.getpid has no figure 'p99'; it compared [p50]");
  }

  @Test
  void failsOnANullComparison() {
    assertThatThrownBy(() -> assertThat((Comparison) null).ratio("p50"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
