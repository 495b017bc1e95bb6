package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveNoRegression.shouldHaveNoRegression;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.gate.GateFixtures;
import dev.junitsandbox.gate.GateResult;
import org.assertj.core.description.TextDescription;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.Test;

class ShouldHaveNoRegressionTests {

  @Test
  void createsTheMessageOfARegressionWithEveryPartOfTheEvidence() {
    // GIVEN the candidate's p50 doubled against the reference's
    Comparison comparison = GateFixtures.p50Doubled();
    GateResult gate = Gate.judge(comparison);

    // WHEN
    String message =
        shouldHaveNoRegression(comparison, gate, false)
            .create(new TextDescription("Test"), new StandardRepresentation());

    // THEN
    String n = System.lineSeparator();
    assertThat(message)
        .startsWith(
            "[Test] "
                + n
                + "Expecting no regression of syscall.getpid, runsc (candidate, A) against"
                + " runsc-20221219 (reference, B)"
                + n
                + "but p50 regressed (1 of 3 figures):"
                + n
                + "  p50: 1.0 us -> 2.0 us (+100%), 99% interval of the ratio [")
        .containsPattern(
            "\\], Mann-Whitney p=[0-9.e-]+, 8 trials of the candidate and 8 of the reference;"
                + " threshold: p < 0.01 and a change beyond ±5%")
        .contains(n + "Other figures:" + n + "  = p99 1.0 us -> 1.0 us (0%)")
        .contains(n + "  = requestsPerSecond 1000 req/s -> 1000 req/s (0%)")
        .contains(
            n
                + "Trials in run order:"
                + n
                + "  p50:"
                + n
                + "    runsc (A), median 2.0 us: 2.0 us, 2.0 us,")
        .contains(n + "    runsc-20221219 (B), median 1.0 us: 985 ns, 990 ns,")
        .contains(
            n
                + "What changed (reference -> candidate):"
                + n
                + "  runtime: runsc-20221219 -> runsc (not described")
        .endsWith(n + "Rule: " + gate.describeRule());
  }

  @Test
  void createsTheMessageOfAnInconclusiveGateWithWhatToDo() {
    Comparison comparison = GateFixtures.noisyP99();
    String message =
        shouldHaveNoRegression(comparison, Gate.judge(comparison), true)
            .create(new TextDescription("Test"), new StandardRepresentation());

    String n = System.lineSeparator();
    assertThat(message)
        .contains(
            n
                + "but the trials cannot tell for p99 (inconclusive, 1 of 3 figures):"
                + n
                + "  p99: 1.0 us -> 1.5 us (+50%)");
    assertThat(message)
        .contains(
            "More trials may decide it (trials(n), or junit.sandbox.comparisons.trials); the test"
                + " is aborted rather than failed; junit.sandbox.gate.strict=true makes it fail.")
        .contains(n + "Trials in run order:" + n + "  p99:" + n);
  }
}
