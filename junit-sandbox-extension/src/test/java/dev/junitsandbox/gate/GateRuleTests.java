package dev.junitsandbox.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.junitsandbox.measure.Figure.Better;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateRuleTests {

  private final GateRule rule = GateRule.defaults();

  @ParameterizedTest(name = "{0}: ratio {1} [{2}, {3}], p {4} -> {5}")
  @CsvSource({
    // significant and beyond 5%, in each direction of each kind of figure
    "LOWER,  1.20, 1.10, 1.30, 0.001, REGRESSION",
    "LOWER,  0.80, 0.70, 0.90, 0.001, IMPROVEMENT",
    "HIGHER, 0.80, 0.70, 0.90, 0.001, REGRESSION",
    "HIGHER, 1.20, 1.10, 1.30, 0.001, IMPROVEMENT",
    // the whole interval inside the band: no change, significant or not
    "LOWER,  1.02, 1.01, 1.04, 0.001, NO_CHANGE",
    "LOWER,  1.00, 0.97, 1.03, 0.500, NO_CHANGE",
    // significant, but the change is within the tolerance although the interval reaches beyond it
    "LOWER,  1.04, 1.01, 1.09, 0.001, NO_CHANGE",
    // a large change that the trials cannot separate from noise
    "LOWER,  1.30, 0.90, 1.80, 0.200, INCONCLUSIVE",
    // p below alpha is not enough when the interval touches 1 (they come from one test; both asked)
    "LOWER,  1.30, 1.00, 1.80, 0.005, INCONCLUSIVE",
    // an unbounded interval (too few trials)
    "LOWER,  1.30, 1.10, Infinity, 0.020, INCONCLUSIVE",
  })
  void decidesByBothSignificanceAndSize(
      Better better, double ratio, double low, double high, double p, GateVerdict expected) {
    // WHEN the default rule judges the figure
    GateVerdict verdict = rule.verdict("p50", better, ratio, low, high, p);

    // THEN it is the expected verdict
    assertThat(verdict).isEqualTo(expected);
  }

  @Test
  void aFiguresOwnToleranceReplacesTheDefault() {
    // GIVEN a rule with 15% for p99
    GateRule noisyTail = new GateRule(0.01, 0.05, Map.of("p99", 0.15), false);

    // WHEN a significant 10% slowdown is judged on p99 and on p50
    GateVerdict p99 = noisyTail.verdict("p99", Better.LOWER, 1.10, 1.05, 1.15, 0.001);
    GateVerdict p50 = noisyTail.verdict("p50", Better.LOWER, 1.10, 1.05, 1.15, 0.001);

    // THEN only p50 regressed
    assertThat(p99).isEqualTo(GateVerdict.NO_CHANGE);
    assertThat(p50).isEqualTo(GateVerdict.REGRESSION);
  }

  @Test
  void aToleranceOutsideZeroToOneIsRefusedNamingTheFigure() {
    // WHEN a rule gets a p99 tolerance of 15 (percent meant as a fraction)
    // THEN the error names the figure, the value and the rule
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new GateRule(0.01, 0.05, Map.of("p99", 15.0), false))
        .withMessageContaining("the tolerance of p99")
        .withMessageContaining("above 0 and below 1")
        .withMessageContaining("15.0");
  }

  @Test
  void marksFollowBenchstat() {
    assertThat(GateVerdict.values())
        .extracting(GateVerdict::mark)
        .containsExactly("-", "+", "=", "~");
  }
}
