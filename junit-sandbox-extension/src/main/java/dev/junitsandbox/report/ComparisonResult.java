package dev.junitsandbox.report;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.compare.Verdict;
import dev.junitsandbox.gate.GateFigure;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link Comparison} as the report holds it: both sides' trials in run order, and per figure the
 * ratio A/B of medians with its interval, the p-value and the verdict, with the rule that decided
 * it.
 *
 * @param probe the probe's name
 * @param parameters the probe's parameters; copied
 * @param a the id of side A's runtime (the sandbox's)
 * @param b the id of side B's runtime (the reference)
 * @param alpha the significance level
 * @param confidence the confidence of the intervals, {@code 1 - alpha}
 * @param tolerance the half-width of the equivalence band around 1
 * @param strict whether an inconclusive assertion failed instead of aborting
 * @param rule the rule in words
 * @param trials every trial in run order; copied
 * @param figures per compared figure; copied
 * @param notes e.g. which figures were not compared and why; copied
 * @param gate the gate's verdicts on it ({@link dev.junitsandbox.gate.Gate#judge}, {@code
 *     hasNoRegression()}), or {@code null} when no gate judged it (since results/4)
 */
public record ComparisonResult(
    String probe,
    Map<String, String> parameters,
    String a,
    String b,
    double alpha,
    double confidence,
    double tolerance,
    boolean strict,
    String rule,
    List<TrialResult> trials,
    List<FigureComparisonResult> figures,
    List<String> notes,
    SideBySideGate gate) {

  public ComparisonResult {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    parameters =
        parameters == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    rule = rule == null ? "" : rule;
    trials = trials == null ? List.of() : List.copyOf(trials);
    figures = figures == null ? List.of() : List.copyOf(figures);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** The report's form of {@code comparison}. */
  public static ComparisonResult of(Comparison comparison) {
    return new ComparisonResult(
        comparison.probe(),
        comparison.parameters(),
        comparison.a(),
        comparison.b(),
        comparison.rule().alpha(),
        comparison.rule().confidence(),
        comparison.rule().tolerance(),
        comparison.rule().strict(),
        comparison.rule().describe(),
        comparison.trials().stream().map(TrialResult::of).toList(),
        comparison.figures().stream().map(FigureComparisonResult::of).toList(),
        comparison.notes(),
        null);
  }

  /** This comparison with the gate's verdicts on it. */
  public ComparisonResult withGate(SideBySideGate gate) {
    return new ComparisonResult(
        probe,
        parameters,
        a,
        b,
        alpha,
        confidence,
        tolerance,
        strict,
        rule,
        trials,
        figures,
        notes,
        gate);
  }

  /**
   * A gate's verdicts on a comparison: side A is the candidate, side B the reference.
   *
   * @param verdict the verdict on the whole ({@link GateResult#verdict()})
   * @param rule the gate's rule in words
   * @param alpha its significance level
   * @param tolerance its default tolerance
   * @param tolerances its tolerances of particular figures; copied
   * @param strict whether an inconclusive verdict fails the test instead of aborting it
   * @param whatChanged what differs between the reference's and the candidate's runtimes, one line
   *     each ({@link GateResult#whatChanged()}); copied
   * @param figures the verdict per figure; copied
   */
  public record SideBySideGate(
      GateVerdict verdict,
      String rule,
      double alpha,
      double tolerance,
      Map<String, Double> tolerances,
      boolean strict,
      List<String> whatChanged,
      List<SideBySideGateFigure> figures) {

    public SideBySideGate {
      Objects.requireNonNull(verdict, "verdict");
      rule = rule == null ? "" : rule;
      tolerances =
          tolerances == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tolerances));
      whatChanged = whatChanged == null ? List.of() : List.copyOf(whatChanged);
      figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** The report's form of {@code result}. */
    public static SideBySideGate of(GateResult result) {
      return new SideBySideGate(
          result.verdict(),
          result.describeRule(),
          result.rule().alpha(),
          result.rule().tolerance(),
          result.rule().tolerances(),
          result.rule().strict(),
          result.whatChanged(),
          result.figures().stream().map(SideBySideGateFigure::of).toList());
    }
  }

  /**
   * The gate's verdict on one figure ({@link GateFigure}).
   *
   * @param name the figure's name
   * @param unit its unit
   * @param better which direction is an improvement
   * @param referenceMedian the reference's (side B's) median
   * @param candidateMedian the candidate's (side A's) median
   * @param ratio {@code candidateMedian / referenceMedian}
   * @param changePercent the change in percent, {@code (ratio - 1) * 100}
   * @param low the interval's lower bound
   * @param high its upper bound, or {@code null} when unbounded (too few trials)
   * @param confidence the interval's confidence
   * @param p the two-sided Mann-Whitney U p-value
   * @param candidateTrials the candidate's trials
   * @param referenceTrials the reference's trials
   * @param tolerance the relative change this figure tolerates
   * @param verdict the gate's verdict
   */
  public record SideBySideGateFigure(
      String name,
      String unit,
      Figure.Better better,
      double referenceMedian,
      double candidateMedian,
      double ratio,
      double changePercent,
      double low,
      Double high,
      double confidence,
      double p,
      int candidateTrials,
      int referenceTrials,
      double tolerance,
      GateVerdict verdict) {

    public SideBySideGateFigure {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(verdict, "verdict");
    }

    static SideBySideGateFigure of(GateFigure figure) {
      return new SideBySideGateFigure(
          figure.name(),
          figure.unit(),
          figure.better(),
          figure.referenceMedian(),
          figure.candidateMedian(),
          figure.ratio(),
          figure.changePercent(),
          figure.low(),
          figure.isBounded() ? figure.high() : null, // JSON has no infinity
          figure.confidence(),
          figure.p(),
          figure.candidateTrials(),
          figure.referenceTrials(),
          figure.tolerance(),
          figure.verdict());
    }
  }

  /**
   * One trial: a fresh sandbox and one probe run.
   *
   * @param side {@code A} or {@code B}
   * @param runtime the id of the runtime it ran on
   * @param index its place in the run order, from 0
   * @param start when its timed region started
   * @param values its figures' values by name, in the trial's order; copied
   */
  public record TrialResult(
      Side side, String runtime, int index, Instant start, Map<String, Double> values) {

    public TrialResult {
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(runtime, "runtime");
      values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    static TrialResult of(Trial trial) {
      Map<String, Double> values = new LinkedHashMap<>();
      trial.figures().forEach(f -> values.put(f.name(), f.value()));
      return new TrialResult(trial.side(), trial.runtime(), trial.index(), trial.start(), values);
    }
  }

  /**
   * One compared figure.
   *
   * @param name the figure's name, e.g. {@code "p50"}
   * @param unit its unit
   * @param better which direction is an improvement
   * @param a side A's values in run order; copied
   * @param b side B's values in run order; copied
   * @param medianA the median of {@code a}
   * @param medianB the median of {@code b}
   * @param ratio {@code medianA / medianB}
   * @param low the interval's lower bound
   * @param high its upper bound, or {@code null} when unbounded (too few trials)
   * @param p the two-sided Mann-Whitney U p-value
   * @param verdict what the rule concluded about A against B
   */
  public record FigureComparisonResult(
      String name,
      String unit,
      Figure.Better better,
      List<Double> a,
      List<Double> b,
      double medianA,
      double medianB,
      double ratio,
      double low,
      Double high,
      double p,
      Verdict verdict) {

    public FigureComparisonResult {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(verdict, "verdict");
      a = a == null ? List.of() : List.copyOf(a);
      b = b == null ? List.of() : List.copyOf(b);
    }

    static FigureComparisonResult of(FigureComparison figure) {
      return new FigureComparisonResult(
          figure.name(),
          figure.unit(),
          figure.better(),
          figure.a(),
          figure.b(),
          figure.medianA(),
          figure.medianB(),
          figure.ratio(),
          figure.low(),
          figure.isBounded() ? figure.high() : null, // JSON has no infinity
          figure.p(),
          figure.verdict());
    }
  }
}
