package dev.junitsandbox.internal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.RuntimeDescription;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The decision on one series against the baseline's, on values chosen to be unambiguous: which
 * mode, which verdict, and what the message says. The end-to-end tests with real runtimes are in
 * {@code GateBaselineTests}.
 */
class GateEvaluationTests {

  private static final Environment MACHINE =
      new Environment("6.1.0", "AMD EPYC", 2, "Debian", "20.10.24", "1.41", "17", 4L << 30);
  private static final RuntimeDescription RUNC =
      new RuntimeDescription(
          "runc", "runc", "runc", List.of(), "runc 1.1.5", "native", "container");
  private static final BaselineFile BASELINE =
      new BaselineFile(
          Path.of("baselines/ci.json"),
          new RunResult(
              RunResult.SCHEMA,
              Instant.parse("2026-11-20T10:00:00Z"),
              Instant.parse("2026-11-20T10:05:00Z"),
              MACHINE,
              List.of(RUNC),
              List.of(),
              List.of(),
              List.of("20261120T100000Z-1a2b3c4d")),
          null);

  private static List<RoundEntry> series(
      String runtime, RuntimeDescription description, double... values) {
    return seriesAtLoad(runtime, description, null, values);
  }

  /** A series whose every round was measured at the 1-minute load average {@code load}. */
  private static List<RoundEntry> seriesAtLoad(
      String runtime, RuntimeDescription description, Double load, double... values) {
    List<RoundEntry> entries = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      entries.add(
          new RoundEntry(
              "[class:T]/[test-template:getpid()]",
              "T.getpid()",
              runtime,
              description,
              "syscall.getpid",
              0,
              "p50",
              "ns",
              Figure.Better.LOWER,
              i + 1,
              values[i],
              load,
              Map.of("calls", "1000")));
    }
    return entries;
  }

  private static TreeMap<Integer, Double> values(double... values) {
    TreeMap<Integer, Double> map = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      map.put(i + 1, values[i]);
    }
    return map;
  }

  private static BaselineGateFigure evaluate(
      List<RoundEntry> current,
      TreeMap<Integer, Double> currentHost,
      List<RoundEntry> baseline,
      TreeMap<Integer, Double> baselineHost,
      Environment environment) {
    return GateEvaluation.evaluate(
        "[class:T]/[test-template:getpid()]/[test-template-invocation:#12]",
        current,
        currentHost,
        baseline,
        baselineHost,
        BASELINE,
        environment,
        GateRule.defaults());
  }

  @Test
  void withoutTheHostTheFiguresAreComparedDirectly() {
    // WHEN runc is twice as slow as in the baseline, no host in either run
    BaselineGateFigure figure =
        evaluate(
            series("runc", RUNC, 400, 410, 420, 405, 415, 408),
            new TreeMap<>(),
            series("runc", RUNC, 200, 205, 210, 202, 207, 204),
            new TreeMap<>(),
            MACHINE);

    // THEN
    assertThat(figure.verdict()).isEqualTo(GateVerdict.REGRESSION);
    assertThat(figure.mode()).isEqualTo(BaselineGateFigure.DIRECT);
    assertThat(figure.ratio()).isBetween(1.9, 2.1);
    assertThat(figure.message())
        .contains("205 ns -> 409 ns, +100.0% (ratio 2.00x, 99% interval [1.93, 2.08], p=0.0022")
        .contains(
            "mode: direct (the figures themselves; not every round of both runs has a host value"
                + " of the same round: the host is missing from a run, or listed after this runtime)")
        .contains("What changed since the baseline: nothing junit-sandbox records")
        .contains(
            "Baseline: "
                + Path.of("baselines/ci.json").toAbsolutePath()
                + " (run 20261120T100000Z-1a2b3c4d, started 2026-11-20T10:00:00Z)");
  }

  @Test
  void directlyAcrossRunsOfDifferentLoadsNothingCanBeTold() {
    // WHEN runc is twice as slow as in the baseline, but the machine's load was 9 against 2.5 (a
    // difference above its 2 CPUs)
    BaselineGateFigure figure =
        evaluate(
            seriesAtLoad("runc", RUNC, 9.0, 400, 410, 420, 405, 415, 408),
            new TreeMap<>(),
            seriesAtLoad("runc", RUNC, 2.5, 200, 205, 210, 202, 207, 204),
            new TreeMap<>(),
            MACHINE);

    // THEN inconclusive, with the evidence, the loads and what to do instead
    assertThat(figure.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(figure.mode()).isEqualTo(BaselineGateFigure.DIRECT);
    assertThat(figure.ratio()).isBetween(1.9, 2.1);
    assertThat(figure.message())
        .contains(
            "is inconclusive: the machine was busier in this run than in the baseline's (1-minute"
                + " load average, median over the rounds: 9.0 against 2.5, more than 2 apart, the"
                + " machine's CPUs)")
        .contains("205 ns -> 409 ns, +100.0%")
        .contains("Measure the host in the same @Runtimes, listed first");
  }

  @Test
  void directlyAcrossRunsOfSimilarLoadsTheStatisticsDecide() {
    // WHEN the same regression at loads 3.5 and 2.0: 1.5 apart, within the machine's 2 CPUs
    BaselineGateFigure figure =
        evaluate(
            seriesAtLoad("runc", RUNC, 3.5, 400, 410, 420, 405, 415, 408),
            new TreeMap<>(),
            seriesAtLoad("runc", RUNC, 2.0, 200, 205, 210, 202, 207, 204),
            new TreeMap<>(),
            MACHINE);

    // THEN
    assertThat(figure.verdict()).isEqualTo(GateVerdict.REGRESSION);
  }

  @Test
  void relativeToTheHostTheLoadsAreNotCompared() {
    // WHEN the machine's load moved from 2 to 9 and slowed runc and the host alike
    BaselineGateFigure figure =
        evaluate(
            seriesAtLoad("runc", RUNC, 9.0, 400, 410, 420, 405, 415, 408),
            values(200, 205, 210, 202, 207, 204),
            seriesAtLoad("runc", RUNC, 2.0, 200, 205, 210, 202, 207, 204),
            values(100, 102.5, 105, 101, 103.5, 102),
            MACHINE);

    // THEN the host's rounds, measured in the same load, cancel it
    assertThat(figure.mode()).isEqualTo(BaselineGateFigure.RELATIVE_TO_HOST);
    assertThat(figure.verdict()).isEqualTo(GateVerdict.NO_CHANGE);
  }

  @Test
  void relativeToTheHostAMachineTwiceAsSlowIsNoChange() {
    // WHEN runc and the host are both twice as slow as in the baseline: the machine, not runc
    BaselineGateFigure figure =
        evaluate(
            series("runc", RUNC, 400, 410, 420, 405, 415, 408),
            values(200, 205, 210, 202, 207, 204),
            series("runc", RUNC, 200, 205, 210, 202, 207, 204),
            values(100, 102.5, 105, 101, 103.5, 102),
            MACHINE);

    // THEN the ratios to the host did not move
    assertThat(figure.mode()).isEqualTo(BaselineGateFigure.RELATIVE_TO_HOST);
    assertThat(figure.verdict()).isEqualTo(GateVerdict.NO_CHANGE);
    assertThat(figure.message())
        .contains("205 ns (2.00x host) -> 409 ns (2.00x host), +0.0%")
        .contains("shows no change");
    // and each round's value of the figure itself, not of the ratio, in round order (the page's
    // dots)
    assertThat(figure.currentValues()).containsExactly(400.0, 410.0, 420.0, 405.0, 415.0, 408.0);
    assertThat(figure.baselineValues()).containsExactly(200.0, 205.0, 210.0, 202.0, 207.0, 204.0);
  }

  @Test
  void aFasterRuntimeIsAnImprovementThatSuggestsANewBaseline() {
    // WHEN a new runc version halves the figure
    RuntimeDescription newer =
        new RuntimeDescription(
            "runc", "runc", "runc", List.of(), "runc 1.2.0", "native", "container");
    BaselineGateFigure figure =
        evaluate(
            series("runc", newer, 100, 102, 104, 101, 103, 102),
            new TreeMap<>(),
            series("runc", RUNC, 200, 205, 210, 202, 207, 204),
            new TreeMap<>(),
            MACHINE);

    // THEN
    assertThat(figure.verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
    assertThat(figure.changes()).containsExactly("runtime runc version: runc 1.1.5 -> runc 1.2.0");
    assertThat(figure.message())
        .contains("improved on the baseline")
        .contains("Consider saving a new baseline: mvn verify -Djunit.sandbox.rounds=6");
  }

  @Test
  void anotherMachineIsInconclusiveNamingTheDifferencesNeverARegression() {
    // WHEN the figure doubled on a machine with less memory and another CPU
    Environment smaller =
        new Environment("6.1.0", "Intel Xeon", 2, "Debian", "20.10.24", "1.41", "17", 2L << 30);
    BaselineGateFigure figure =
        evaluate(
            series("runc", RUNC, 400, 410, 420, 405, 415, 408),
            new TreeMap<>(),
            series("runc", RUNC, 200, 205, 210, 202, 207, 204),
            new TreeMap<>(),
            smaller);

    // THEN
    assertThat(figure.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(figure.message())
        .contains(
            "no comparable baseline: CPU model 'AMD EPYC' in the baseline, 'Intel Xeon' here;"
                + " memory 4096 MiB in the baseline, 2048 MiB here");
  }

  @Test
  void theSameRamIsTheSameMachineWhateverTheKernelReserves() {
    // MemTotal of this 24 GiB machine under two kernels differs by some MiB; another machine's
    // 16 GiB does not pass for it
    long gib = 1024L * 1024 * 1024;
    assertThat(GateEvaluation.sameMemory(24 * gib - 180_000_000L, 24 * gib - 150_000_000L))
        .isTrue();
    assertThat(GateEvaluation.sameMemory(24 * gib, 16 * gib)).isFalse();
    assertThat(GateEvaluation.sameMemory(0, 24 * gib)).isFalse();
  }

  @Test
  void aSeriesTheBaselineLacksIsInconclusive() {
    BaselineGateFigure figure =
        evaluate(
            series("runc", RUNC, 400, 410, 420, 405, 415, 408),
            new TreeMap<>(),
            List.of(),
            new TreeMap<>(),
            MACHINE);

    assertThat(figure.verdict()).isEqualTo(GateVerdict.INCONCLUSIVE);
    assertThat(figure.message()).contains("the baseline has no rounds of it");
    assertThat(figure.baselineValues()).isEmpty();
    assertThat(figure.currentValues()).hasSize(6);
  }

  @Test
  void theTestTemplateIsTheUniqueIdWithoutTheInvocation() {
    assertThat(
            RoundEntry.template(
                "[engine:junit-jupiter]/[class:T]/[test-template:getpid()]/[test-template-invocation:#7]"))
        .isEqualTo("[engine:junit-jupiter]/[class:T]/[test-template:getpid()]");
    assertThat(RoundEntry.template("[engine:junit-jupiter]/[class:T]/[method:plain()]"))
        .isEqualTo("[engine:junit-jupiter]/[class:T]/[method:plain()]");
  }
}
