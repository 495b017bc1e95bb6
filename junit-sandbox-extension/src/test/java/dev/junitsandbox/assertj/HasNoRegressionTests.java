package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.gate.GateFixtures;
import dev.junitsandbox.gate.GateRule;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * {@code hasNoRegression()} on comparisons of known values: passes on no change and improvement,
 * fails on a regression, aborts when the trials cannot tell (fails when strict).
 */
class HasNoRegressionTests {

  private static final GateRule STRICT = new GateRule(0.01, 0.05, Map.of(), true);

  @Test
  void passesWhenNothingChangedOrSomethingImproved() {
    assertThat(GateFixtures.unchanged()).hasNoRegression();
    assertThat(GateFixtures.fasterRequests()).hasNoRegression();
    assertThat(GateFixtures.fasterRequests()).usingGateRule(STRICT).hasNoRegression();
  }

  @Test
  void failsOnARegressionNamingTheFigure() {
    assertThatThrownBy(() -> assertThat(GateFixtures.p50Doubled()).hasNoRegression())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but p50 regressed (1 of 3 figures):")
        .hasMessageContaining("p50: 1.0 us -> 2.0 us (+100%)");
  }

  @Test
  void abortsWhenTheTrialsCannotTellAndNothingRegressed() {
    // WHEN
    Throwable thrown = catchThrowable(() -> assertThat(GateFixtures.noisyP99()).hasNoRegression());

    // THEN an abort, whose first line says what is asserted (skip summaries show only that)
    assertThat(thrown)
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith(
            "Expecting no regression of syscall.getpid, runsc (candidate, A) against"
                + " runsc-20221219 (reference, B)")
        .hasMessageContaining("but the trials cannot tell for p99 (inconclusive, 1 of 3 figures):")
        .hasMessageContaining(
            "the test is aborted rather than failed; junit.sandbox.gate.strict=true makes it"
                + " fail.");
  }

  @Test
  void failsInsteadOfAbortingUnderAStrictRule() {
    assertThatThrownBy(
            () -> assertThat(GateFixtures.noisyP99()).usingGateRule(STRICT).hasNoRegression())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("this fails because junit.sandbox.gate.strict=true.");
  }

  @Test
  void assertsOnlyTheNamedFigures() {
    // p50 doubled, p99 did not change: asserting p99 alone passes
    assertThat(GateFixtures.p50Doubled()).hasNoRegression("p99", "requestsPerSecond");
    assertThatThrownBy(() -> assertThat(GateFixtures.p50Doubled()).hasNoRegression("p99", "p50"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but p50 regressed (1 of 2 figures):");
  }

  @Test
  void rejectsAFigureTheComparisonDoesNotHave() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(GateFixtures.unchanged()).hasNoRegression("p95"))
        .withMessageContaining("has no figure 'p95'; it compared [p50, p99, requestsPerSecond]");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> assertThat(GateFixtures.unchanged()).usingGateRule(null))
        .withMessage("The gate rule must not be null; pass e.g. GateRule.defaults()");
  }

  @Test
  void decidesByTheGivenRule() {
    // GIVEN p50 10% slower in every trial
    var tenPercent =
        GateFixtures.comparison(
            GateFixtures.times(GateFixtures.STEADY, 1.10),
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY);

    // WHEN / THEN a regression beyond the default 5%, none where p50 tolerates 20%
    assertThatThrownBy(() -> assertThat(tenPercent).hasNoRegression())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but p50 regressed");
    assertThat(tenPercent)
        .usingGateRule(new GateRule(0.01, 0.05, Map.of("p50", 0.20), false))
        .hasNoRegression();
  }

  @Test
  void keepsTheDescriptionInAFailureAndInAnAbort() {
    assertThatThrownBy(
            () -> assertThat(GateFixtures.p50Doubled()).as("gVisor upgrade").hasNoRegression())
        .hasMessageStartingWith("[gVisor upgrade] ");
    assertThatThrownBy(
            () -> assertThat(GateFixtures.noisyP99()).as("gVisor upgrade").hasNoRegression())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageStartingWith("[gVisor upgrade] ");
  }

  @Test
  void failsOnANullComparison() {
    assertThatThrownBy(() -> assertThat((Comparison) null).hasNoRegression())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expecting actual not to be null");
  }
}
