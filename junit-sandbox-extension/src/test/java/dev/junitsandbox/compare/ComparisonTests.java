package dev.junitsandbox.compare;

import static dev.junitsandbox.compare.Side.A;
import static dev.junitsandbox.compare.Side.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The statistics and rules of comparisons, on values known in advance: no sandbox, no Docker. */
class ComparisonTests {

  private static final ComparisonRule RULE = ComparisonRule.defaults();

  @Test
  void pValueIsCommonsExactMannWhitneyMatchingAHandCount() {
    // GIVEN interleaved samples: U = #(a > b) = 4 + 3 + 2 + 1 + 0 = 10 of 25; of the C(10, 5) =
    // 252 equally likely splits, 87 have U <= 10 (counted by hand from the partition numbers
    // 1, 1, 2, 3, 5, 7, 9, 11, 14, 16, 18), so the two-sided exact p is 2 * 87 / 252
    double[] a = {1, 3, 5, 7, 9};
    double[] b = {2, 4, 6, 8, 10};

    // WHEN
    double p = RatioStatistics.pValue(a, b);

    // THEN
    assertThat(p).isCloseTo(2 * 87 / 252.0, within(1e-12));
    // AND a complete separation has the smallest p there is, 2 / 252
    assertThat(RatioStatistics.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}))
        .isCloseTo(2 / 252.0, within(1e-12));
  }

  @Test
  void identicalTrialsAreEquivalentNotAnError() {
    // GIVEN a statistic as coarse as the p50 of a fast call: every trial the same
    double[] same = {45, 45, 45, 45, 45};

    // WHEN
    Comparison comparison = Trials.comparison(same, same, RULE);

    // THEN Commons' NaN for zero variance is read as "no difference"
    FigureComparison p50 = comparison.figure("p50");
    assertThat(p50.p()).isEqualTo(1.0);
    assertThat(p50.low()).isEqualTo(1.0);
    assertThat(p50.high()).isEqualTo(1.0);
    assertThat(p50.verdict()).isEqualTo(Verdict.EQUIVALENT);
  }

  @Test
  void decidedUnderAnotherAlphaItStatesThatAlphasConfidenceEvenWhenTheIntervalIsTheSame() {
    // GIVEN identical trials, whose interval is [1, 1] at any confidence, compared at alpha 0.01
    double[] same = {45, 45, 45, 45, 45, 45};
    FigureComparison p50 = Trials.comparison(same, same, RULE).figure("p50");

    // WHEN the figure is decided at alpha 0.05 (a gate configured so)
    FigureComparison at95 = p50.under(new ComparisonRule(0.05, RULE.tolerance(), false));

    // THEN the same interval, stated at 95%
    assertThat(at95.low()).isEqualTo(p50.low());
    assertThat(at95.high()).isEqualTo(p50.high());
    assertThat(at95.confidence()).isEqualTo(0.95);
    assertThat(p50.under(RULE)).isSameAs(p50);
  }

  @Test
  void intervalIsTheRangeOfPairwiseRatiosWhenOnlyCompleteSeparationIsRejected() {
    // GIVEN 5 trials per side at alpha 0.01: only U = 0 or 25 has p < 0.01 (2 / 252), so the
    // interval runs from the smallest to the largest ratio a_i / b_j
    double[] a = {20, 22, 24, 26, 28};
    double[] b = {10, 11, 12, 13, 14};

    // WHEN
    double[] interval = RatioStatistics.ratioInterval(a, b, 0.01);

    // THEN
    assertThat(interval[0]).isCloseTo(20 / 14.0, within(1e-12));
    assertThat(interval[1]).isCloseTo(28 / 10.0, within(1e-12));
  }

  @Test
  void intervalIsUnboundedWithTooFewTrialsToRejectAnything() {
    // GIVEN 3 trials per side: the smallest p is 2 / C(6, 3) = 0.1, never below 0.01
    double[] interval =
        RatioStatistics.ratioInterval(new double[] {1, 2, 3}, new double[] {4, 5, 6}, 0.01);

    // THEN no factor is rejected
    assertThat(interval[0]).isZero();
    assertThat(interval[1]).isInfinite();
  }

  @Test
  void intervalCoversTheTrueRatioInMostOfManySeededRepetitions() {
    // GIVEN 200 seeded repetitions of 10 trials per side, B lognormal around 1000 with 10%
    // spread and A the same times 1.3
    Random random = new Random(12);
    int covered = 0;
    int significant = 0;
    List<Double> widths = new ArrayList<>();
    for (int repetition = 0; repetition < 200; repetition++) {
      double[] a = new double[10];
      double[] b = new double[10];
      for (int i = 0; i < 10; i++) {
        a[i] = 1300 * Math.exp(0.1 * random.nextGaussian());
        b[i] = 1000 * Math.exp(0.1 * random.nextGaussian());
      }

      // WHEN
      double[] interval = RatioStatistics.ratioInterval(a, b, 0.01);
      double p = RatioStatistics.pValue(a, b);

      // THEN the interval agrees with the test it inverts
      assertThat(interval[0] > 1 || interval[1] < 1).as("excludes 1").isEqualTo(p < 0.01);
      if (interval[0] <= 1.3 && 1.3 <= interval[1]) {
        covered++;
      }
      if (p < 0.01) {
        significant++;
      }
      widths.add(interval[1] / interval[0]);
    }
    // 99% intervals: 198 of 200 expected; 190 leaves room for the discreteness of small samples
    assertThat(covered).isGreaterThanOrEqualTo(190);
    // AND the intervals are informative: a 30% difference at 10% noise is found nearly always
    assertThat(significant).isGreaterThanOrEqualTo(180);
    assertThat(widths).allSatisfy(width -> assertThat(width).isBetween(1.0, 1.5));
  }

  @Test
  void ordersTrialsInBalancedBlocksNeverAllOfOneSideFirst() {
    // WHEN
    List<Side> order = Comparison.balancedOrder(5);

    // THEN ABBA BAAB AB: every pair holds one of each side
    assertThat(order).containsExactly(A, B, B, A, B, A, A, B, A, B);
    for (int pair = 0; pair < order.size(); pair += 2) {
      assertThat(order.subList(pair, pair + 2)).containsExactlyInAnyOrder(A, B);
    }
    assertThatThrownBy(() -> Comparison.balancedOrder(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trials per side must be 1 or more, but was 0");
  }

  @Test
  void comparesEachFigureWithMediansRatioIntervalPAndVerdict() {
    // GIVEN A twice B, with little noise, 10 trials per side
    double[] b = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109};
    double[] a = new double[10];
    for (int i = 0; i < 10; i++) {
      a[i] = 2 * b[9 - i];
    }

    // WHEN
    Comparison comparison = Trials.comparison(a, b, RULE);

    // THEN
    FigureComparison p50 = comparison.figure("p50");
    assertThat(p50.medianA()).isEqualTo(209.0);
    assertThat(p50.medianB()).isEqualTo(104.5);
    assertThat(p50.ratio()).isEqualTo(2.0);
    assertThat(p50.low()).isGreaterThan(1.9);
    assertThat(p50.high()).isLessThan(2.1);
    assertThat(p50.p()).isLessThan(0.001);
    assertThat(p50.verdict()).isEqualTo(Verdict.WORSE); // latency: higher is worse
    assertThat(p50.a()).containsExactly(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    assertThat(p50.trialsA()).isEqualTo(10);
    assertThat(p50.trialsB()).isEqualTo(10);
    assertThat(p50.format()).startsWith("p50 2.00x [").endsWith("(99% CI), p=1.1e-05, worse");
    assertThat(comparison.trials(A))
        .hasSize(10)
        .allSatisfy(t -> assertThat(t.runtime()).isEqualTo("runc"));
  }

  @Test
  void decidesVerdictsByTheRule() {
    // a higher latency is worse, a higher throughput better
    assertThat(RULE.verdict(1.2, 1.4, 0.001, Figure.Better.LOWER)).isEqualTo(Verdict.WORSE);
    assertThat(RULE.verdict(1.2, 1.4, 0.001, Figure.Better.HIGHER)).isEqualTo(Verdict.BETTER);
    assertThat(RULE.verdict(0.5, 0.8, 0.001, Figure.Better.LOWER)).isEqualTo(Verdict.BETTER);
    assertThat(RULE.verdict(0.5, 0.8, 0.001, Figure.Better.HIGHER)).isEqualTo(Verdict.WORSE);
    // inside the band: equivalent, even when significant
    assertThat(RULE.verdict(1.01, 1.04, 0.001, Figure.Better.LOWER)).isEqualTo(Verdict.EQUIVALENT);
    // straddling 1, or beside it without significance, or reaching out of the band: no verdict
    assertThat(RULE.verdict(0.9, 1.2, 0.3, Figure.Better.LOWER)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(RULE.verdict(1.01, 1.2, 0.02, Figure.Better.LOWER)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(RULE.verdict(0, Double.POSITIVE_INFINITY, 1, Figure.Better.LOWER))
        .isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.INCONCLUSIVE.mark()).isEqualTo("~");
  }

  @Test
  void knowsTheFewestTrialsThatCanReachSignificance() {
    // exact, without ties: 2 / C(10, 5) = 0.0079 < 0.01 with 5 a side; but with a tie Commons'
    // normal approximation gives 0.012 for 5 a side and 0.005 for 6
    assertThat(ComparisonRule.defaults().minimumTrialsPerSide()).isEqualTo(6);
    assertThat(new ComparisonRule(0.05, 0.05, false).minimumTrialsPerSide()).isEqualTo(4);
  }

  @Test
  void describesItsRule() {
    assertThat(RULE.describe())
        .isEqualTo(
            "equivalent if the 99% interval of the ratio A/B lies inside [0.95, 1.05]; better or"
                + " worse if it lies entirely on one side of 1 and Mann-Whitney p < 0.01; else"
                + " inconclusive");
  }

  @Test
  void rejectsRulesOutsideTheirRangeNamingTheFix() {
    assertThatThrownBy(() -> new ComparisonRule(0, 0.05, false))
        .hasMessage(
            "alpha must be above 0 and at most 0.5 (a significance level, e.g. 0.01), but was"
                + " 0.0");
    assertThatThrownBy(() -> new ComparisonRule(0.01, 5, false))
        .hasMessage(
            "tolerance must be above 0 and below 1 (a fraction: 0.05 is plus or minus 5%), but"
                + " was 5.0");
  }

  @Test
  void rejectsTrialsOutOfRunOrderOrOfOneSide() {
    List<Trial> trials = Trials.p50(new double[] {1, 2}, new double[] {3, 4});
    List<Trial> swapped = List.of(trials.get(1), trials.get(0), trials.get(2), trials.get(3));

    assertThatThrownBy(
            () ->
                new Comparison("p", Map.of(), "runc", "host", RULE, swapped, List.of(), List.of()))
        .hasMessage(
            "trials must be in run order, each one's index its place, but trial 0 has index 1;"
                + " number them from 0 in the order they ran");
    assertThatThrownBy(
            () -> Comparison.of("p", Map.of(), "runc", "host", RULE, trials.subList(0, 1)))
        .hasMessage(
            "a comparison needs trials of both sides, but had 1 of A (runc) and 0 of B (host)");
  }

  @Test
  void leavesOutFiguresWithoutPositiveValuesAndSaysSo() {
    // GIVEN a figure that is 0 in every trial (e.g. errors)
    List<Trial> trials = new ArrayList<>();
    List<Side> order = Comparison.balancedOrder(5);
    for (int i = 0; i < order.size(); i++) {
      trials.add(
          new Trial(
              order.get(i),
              order.get(i) == A ? "runc" : "host",
              i,
              Instant.EPOCH,
              List.of(
                  Figure.of("rate", "1/s", 100 + i, Figure.Better.HIGHER),
                  Figure.of("errors", "1", 0, Figure.Better.LOWER))));
    }

    // WHEN
    Comparison comparison = Comparison.of("p", Map.of(), "runc", "host", RULE, trials);

    // THEN
    assertThat(comparison.figures()).extracting(FigureComparison::name).containsExactly("rate");
    assertThat(comparison.notes())
        .containsExactly("errors is not compared: a ratio needs values above 0 in every trial");
    assertThatThrownBy(() -> comparison.figure("errors"))
        .hasMessage(
            "the comparison of p has no figure 'errors'; it compared [rate] (errors is not"
                + " compared: a ratio needs values above 0 in every trial)");
  }

  @Test
  void summarisesAMeasurementToItsLatencyStatisticsAndFigures() {
    // GIVEN
    Histogram nanos = Measurement.newNanosHistogram();
    for (int i = 1; i <= 100; i++) {
      nanos.recordValue(i * 10L);
    }
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    Measurement measurement =
        Measurement.builder("syscall.getpid", "runc", Map.of())
            .latency("latency per call", nanos)
            .figure("callsPerSecond", "1/s", 5e6, Figure.Better.HIGHER)
            .timedRegion(start, start.plusSeconds(1))
            .build();

    // WHEN
    Trial trial = Trial.of(B, 3, measurement);

    // THEN
    assertThat(trial.side()).isEqualTo(B);
    assertThat(trial.index()).isEqualTo(3);
    assertThat(trial.start()).isEqualTo(start);
    assertThat(trial.figures())
        .extracting(Figure::name)
        .containsExactly("p50", "p99", "mean", "callsPerSecond");
    assertThat(trial.figure("p50").orElseThrow().value()).isEqualTo(measurement.p50Nanos());
  }
}
