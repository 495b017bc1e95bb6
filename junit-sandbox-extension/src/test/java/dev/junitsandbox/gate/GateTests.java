package dev.junitsandbox.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.junitsandbox.compare.Comparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate on comparisons of known values (see {@link GateFixtures}): the candidate (side A) is
 * judged against the reference (side B) figure by figure, in each figure's better direction.
 */
class GateTests {

  @Test
  void findsNoChangeWhereBothSidesHaveTheSameValues() {
    // WHEN
    GateResult gate = Gate.judge(GateFixtures.unchanged());

    // THEN
    assertThat(gate.verdicts())
        .containsExactly(
            Map.entry("p50", GateVerdict.NO_CHANGE),
            Map.entry("p99", GateVerdict.NO_CHANGE),
            Map.entry("requestsPerSecond", GateVerdict.NO_CHANGE));
    assertThat(gate.verdict()).isEqualTo(GateVerdict.NO_CHANGE);
  }

  @Test
  void findsARegressionWhereALatencyDoubledWithTheEvidence() {
    // WHEN
    GateResult gate = Gate.judge(GateFixtures.p50Doubled());

    // THEN the candidate's p50 regressed, and the figure carries the evidence: from -> to, change,
    // interval at 99%, p, trials, tolerance
    assertThat(gate.verdict()).isEqualTo(GateVerdict.REGRESSION);
    GateFigure p50 = gate.figure("p50");
    assertThat(p50.verdict()).isEqualTo(GateVerdict.REGRESSION);
    assertThat(p50.referenceMedian()).isEqualTo(1000);
    assertThat(p50.candidateMedian()).isEqualTo(2000);
    assertThat(p50.changePercent()).isEqualTo(100);
    assertThat(p50.low()).isGreaterThan(1.05);
    assertThat(p50.high()).isLessThan(Double.POSITIVE_INFINITY);
    assertThat(p50.p()).isLessThan(0.01);
    assertThat(p50.candidateTrials()).isEqualTo(8);
    assertThat(p50.referenceTrials()).isEqualTo(8);
    assertThat(p50.tolerance()).isEqualTo(0.05);
    assertThat(p50.confidence()).isEqualTo(0.99);
    assertThat(p50.change()).isEqualTo("1.0 us -> 2.0 us (+100%)");
    assertThat(p50.format())
        .startsWith("p50 1.0 us -> 2.0 us (+100%), ratio 2.00x, 99% interval [")
        .contains(", 8+8 trials, tolerance ±5%: regression");
    assertThat(gate.figures(GateVerdict.REGRESSION)).containsExactly(p50);
  }

  @Test
  void readsAHigherThroughputAsAnImprovement() {
    // WHEN requests per second rose by 30%
    GateResult gate = Gate.judge(GateFixtures.fasterRequests());

    // THEN a higher-is-better figure that rose improved, and the whole passes as an improvement
    assertThat(gate.figure("requestsPerSecond").verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
    assertThat(gate.figure("requestsPerSecond").change())
        .isEqualTo("1000 req/s -> 1300 req/s (+30%)");
    assertThat(gate.verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
  }

  @Test
  void cannotTellWhereTheSidesOverlap() {
    // WHEN the candidate's p99 doubled in half of its trials only
    GateResult gate = Gate.judge(GateFixtures.noisyP99());

    // THEN
    assertThat(gate.figure("p99").verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(gate.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
  }

  @Test
  void aRegressionOutweighsAnInconclusiveFigure() {
    // GIVEN p50 doubled and p99 noisy
    Comparison both =
        GateFixtures.comparison(
            GateFixtures.times(GateFixtures.STEADY, 2),
            GateFixtures.STEADY,
            new double[] {985, 2000, 995, 2010, 1000, 1990, 1010, 2015},
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY);

    // WHEN / THEN
    assertThat(Gate.judge(both).verdict()).isEqualTo(GateVerdict.REGRESSION);
  }

  @Test
  void appliesAFiguresOwnTolerance() {
    // GIVEN p50 10% slower in every trial
    Comparison tenPercent =
        GateFixtures.comparison(
            GateFixtures.times(GateFixtures.STEADY, 1.10),
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY,
            GateFixtures.STEADY);

    // WHEN judged with the default 5% and with p50 allowed 20%
    GateResult strictTolerance = Gate.judge(tenPercent);
    GateResult looseP50 =
        Gate.judge(tenPercent, new GateRule(0.01, 0.05, Map.of("p50", 0.20), false));

    // THEN
    assertThat(strictTolerance.figure("p50").verdict()).isEqualTo(GateVerdict.REGRESSION);
    assertThat(looseP50.figure("p50").verdict()).isEqualTo(GateVerdict.NO_CHANGE);
    assertThat(looseP50.figure("p50").tolerance()).isEqualTo(0.20);
    assertThat(looseP50.figure("p99").tolerance()).isEqualTo(0.05);
  }

  @Test
  void recomputesTheIntervalAtTheGatesConfidence() {
    // GIVEN a comparison decided at 99%
    Comparison comparison = GateFixtures.p50Doubled();

    // WHEN a gate with alpha 0.05 judges it
    GateFigure at95 =
        Gate.judge(comparison, new GateRule(0.05, 0.05, Map.of(), false)).figure("p50");

    // THEN its interval is the narrower 95% one, inside the 99% one
    GateFigure at99 = Gate.judge(comparison).figure("p50");
    assertThat(at95.confidence()).isEqualTo(0.95);
    assertThat(at95.alpha()).isEqualTo(0.05);
    assertThat(at95.low()).isGreaterThanOrEqualTo(at99.low());
    assertThat(at95.high()).isLessThanOrEqualTo(at99.high());
    assertThat(at95.high() - at95.low()).isLessThan(at99.high() - at99.low());
  }

  @Test
  void saysWhatChangedIsUnknownForAComparisonFromElsewhere() {
    // WHEN a comparison built from trials, not taken by a sandbox, is judged
    GateResult gate = Gate.judge(GateFixtures.unchanged());

    // THEN the runtimes' ids are all it knows
    assertThat(gate.candidateRuntime()).isNull();
    assertThat(gate.whatChanged())
        .containsExactly(
            "runtime: runsc-20221219 -> runsc (not described: the comparison was not taken by a"
                + " Sandbox of this run)");
    assertThat(Gate.configuredRule(GateFixtures.unchanged())).isEqualTo(GateRule.defaults());
  }

  @Test
  void keepsOnlyTheNamedFiguresAndRejectsAnUnknownName() {
    GateResult gate = Gate.judge(GateFixtures.p50Doubled());

    assertThat(gate.only(List.of("p99")).figures())
        .extracting(GateFigure::name)
        .containsExactly("p99");
    assertThat(gate.only(List.of("p99")).verdict()).isEqualTo(GateVerdict.NO_CHANGE);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> gate.only(List.of("p95")))
        .withMessage(
            "the gate on syscall.getpid has no figure 'p95'; it judged [p50, p99,"
                + " requestsPerSecond]");
  }

  @Test
  void describesItsRuleWithEveryThreshold() {
    GateResult gate =
        Gate.judge(GateFixtures.unchanged(), new GateRule(0.01, 0.05, Map.of("p99", 0.10), true));

    assertThat(gate.describeRule())
        .isEqualTo(
            "regression (or improvement) if Mann-Whitney p < 0.01, the 99% interval of the ratio"
                + " candidate/reference lies entirely on the worse (better) side of 1 and the"
                + " ratio is more than the tolerance from 1 (±5%; p99 ±10%); no change if the"
                + " interval lies inside the tolerance or a significant change is within it; else"
                + " inconclusive, which fails the test (strict)");
  }

  @Test
  void printsATableWithMarks() {
    String table = Gate.judge(GateFixtures.p50Doubled()).table();

    assertThat(table.lines().toList())
        .first()
        .isEqualTo(
            "gate syscall.getpid: runsc (candidate) against runsc-20221219 (reference): regression");
    assertThat(table.lines().toList())
        .anySatisfy(line -> assertThat(line).startsWith("  - p50 1.0 us -> 2.0 us (+100%)"))
        .anySatisfy(line -> assertThat(line).startsWith("  = p99 "))
        .contains("what changed (reference -> candidate):");
  }
}
