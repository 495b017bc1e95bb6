package dev.junitsandbox.report;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.compare.Verdict;
import dev.junitsandbox.measure.Figure;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    List<String> notes) {

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
        comparison.notes());
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
