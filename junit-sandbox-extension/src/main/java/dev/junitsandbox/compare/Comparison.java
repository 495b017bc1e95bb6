package dev.junitsandbox.compare;

import dev.junitsandbox.measure.Figure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A probe run on two sides in interleaved trials, each in a fresh sandbox, and what the trials say
 * per figure. Made by {@link dev.junitsandbox.Sandbox#compare(dev.junitsandbox.probe.Probe)}, or
 * from trials taken elsewhere with {@link #of}.
 *
 * @param probe the probe's name, e.g. {@code "syscall.getpid"}
 * @param parameters the probe's parameters as the report shows them; copied
 * @param a the id of side A's runtime, e.g. {@code "runc"}
 * @param b the id of side B's runtime, e.g. {@code "host"}; may equal {@code a}
 * @param rule how the verdicts were decided
 * @param trials every trial, in run order (each one's index is its place); copied
 * @param figures per figure that every trial has with values above 0, in the first trial's order:
 *     the ratio A/B and its verdict; copied
 * @param notes what a reader must know, e.g. which figures could not be compared; copied
 */
public record Comparison(
    String probe,
    Map<String, String> parameters,
    String a,
    String b,
    ComparisonRule rule,
    List<Trial> trials,
    List<FigureComparison> figures,
    List<String> notes) {

  public Comparison {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(rule, "rule");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    trials = List.copyOf(trials);
    figures = List.copyOf(figures);
    notes = List.copyOf(notes);
    for (int i = 0; i < trials.size(); i++) {
      Trial trial = trials.get(i);
      if (trial.index() != i) {
        throw new IllegalArgumentException(
            String.format(
                "trials must be in run order, each one's index its place, but trial %d has index"
                    + " %d; number them from 0 in the order they ran",
                i, trial.index()));
      }
      String expected = trial.side() == Side.A ? a : b;
      if (!trial.runtime().equals(expected)) {
        throw new IllegalArgumentException(
            String.format(
                "trial %d of side %s ran on '%s', but side %s is '%s'",
                i, trial.side(), trial.runtime(), trial.side(), expected));
      }
    }
    Set<String> names = new HashSet<>();
    for (FigureComparison figure : figures) {
      if (!names.add(figure.name())) {
        throw new IllegalArgumentException("figure " + figure.name() + " is compared twice");
      }
    }
  }

  /**
   * Compares the trials: per figure, the medians of both sides, their ratio A/B with its interval,
   * the Mann-Whitney U p-value and the verdict under {@code rule}.
   *
   * @param trials in run order, at least one per side
   * @throws IllegalArgumentException if a side has no trial, or the trials break a rule of {@link
   *     Comparison}
   */
  public static Comparison of(
      String probe,
      Map<String, String> parameters,
      String a,
      String b,
      ComparisonRule rule,
      List<Trial> trials) {
    Objects.requireNonNull(rule, "rule");
    long trialsA = trials.stream().filter(t -> t.side() == Side.A).count();
    if (trialsA == 0 || trialsA == trials.size()) {
      throw new IllegalArgumentException(
          String.format(
              "a comparison needs trials of both sides, but had %d of A (%s) and %d of B (%s)",
              trialsA, a, trials.size() - trialsA, b));
    }
    List<FigureComparison> figures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Figure first : trials.get(0).figures()) {
      String name = first.name();
      List<Double> valuesA = new ArrayList<>();
      List<Double> valuesB = new ArrayList<>();
      boolean everywhere = true;
      boolean positive = true;
      for (Trial trial : trials) {
        Figure figure = trial.figure(name).orElse(null);
        if (figure == null) {
          everywhere = false;
          break;
        }
        positive &= figure.value() > 0;
        (trial.side() == Side.A ? valuesA : valuesB).add(figure.value());
      }
      if (!everywhere) {
        notes.add(name + " is not compared: not every trial has it");
      } else if (!positive) {
        notes.add(name + " is not compared: a ratio needs values above 0 in every trial");
      } else {
        figures.add(compare(first, valuesA, valuesB, rule));
      }
    }
    return new Comparison(probe, parameters, a, b, rule, trials, figures, notes);
  }

  private static FigureComparison compare(
      Figure figure, List<Double> valuesA, List<Double> valuesB, ComparisonRule rule) {
    double[] x = valuesA.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = valuesB.stream().mapToDouble(Double::doubleValue).toArray();
    double medianA = RatioStatistics.median(x);
    double medianB = RatioStatistics.median(y);
    double p = RatioStatistics.pValue(x, y);
    double[] interval = RatioStatistics.ratioInterval(x, y, rule.alpha());
    return new FigureComparison(
        figure.name(),
        figure.unit(),
        figure.better(),
        valuesA,
        valuesB,
        medianA,
        medianB,
        medianA / medianB,
        interval[0],
        interval[1],
        rule.confidence(),
        p,
        rule.verdict(interval[0], interval[1], p, figure.better()));
  }

  /**
   * The balanced order of {@code trialsPerSide} trials of each side: ABBA BAAB ABBA BAAB ..., so
   * that a drift of the machine (warming up, a neighbour starting) weighs on both sides alike,
   * which AAAA BBBB would turn into a difference between them.
   *
   * @param trialsPerSide 1 or more
   */
  public static List<Side> balancedOrder(int trialsPerSide) {
    if (trialsPerSide < 1) {
      throw new IllegalArgumentException(
          "trials per side must be 1 or more, but was " + trialsPerSide);
    }
    List<Side> block = List.of(Side.A, Side.B, Side.B, Side.A, Side.B, Side.A, Side.A, Side.B);
    List<Side> order = new ArrayList<>();
    for (int i = 0; i < 2 * trialsPerSide; i++) {
      order.add(block.get(i % block.size()));
    }
    return order;
  }

  /**
   * The comparison of the figure called {@code name}.
   *
   * @throws IllegalArgumentException naming the figures compared, and why a figure was not
   */
  public FigureComparison figure(String name) {
    return figures.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        "the comparison of %s has no figure '%s'; it compared %s%s",
                        probe,
                        name,
                        figures.stream().map(FigureComparison::name).toList(),
                        notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")")));
  }

  /** The trials of {@code side}, in run order. */
  public List<Trial> trials(Side side) {
    return trials.stream().filter(t -> t.side() == side).toList();
  }

  /** For people: one line per figure, e.g. {@code "runc vs host: p50 1.27x [1.18, 1.40] ..."}. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append(String.format("%s: %s vs %s, %d trials", probe, a, b, trials.size()));
    figures.forEach(f -> text.append(System.lineSeparator()).append("  ").append(f.format()));
    return text.toString();
  }
}
