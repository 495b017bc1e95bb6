package dev.junitsandbox.internal.report;

import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the page's Trend section draws, prepared from the run history ({@code
 * junit.sandbox.gate.history}) when the run report is written: the last runs, oldest first, and per
 * series (group, runtime and figure) one point per run that measured it. The page places and draws
 * these; it computes nothing.
 *
 * @param history the history file, as configured
 * @param runs how many runs the history holds, this one included
 * @param cap the most runs shown
 * @param shown the runs shown (the last {@code cap}), oldest first, this run last; copied
 * @param series one per series measured in a shown run, this run's first in its order; copied
 * @param notes what a reader must know: lines skipped, a line that could not be appended, runs on
 *     another machine; copied
 */
public record Trend(
    String history, int runs, int cap, List<Run> shown, List<Series> series, List<String> notes) {

  public Trend {
    Objects.requireNonNull(history, "history");
    shown = List.copyOf(shown);
    series = List.copyOf(series);
    notes = List.copyOf(notes);
  }

  /**
   * One run on the x axis.
   *
   * @param number its place in the history, from 1
   * @param runIds its ids; copied
   * @param started when it started
   * @param label the axis label, e.g. {@code "#12 11-25 20:43"}
   * @param current whether it is this run
   * @param otherMachine whether it ran on another machine than this run (absolute figures of two
   *     machines say nothing about a runtime); false where either recorded no machine
   * @param baseline the baseline it was gated against, or null
   */
  public record Run(
      int number,
      List<String> runIds,
      Instant started,
      String label,
      boolean current,
      boolean otherMachine,
      String baseline) {

    public Run {
      runIds = List.copyOf(runIds);
      Objects.requireNonNull(started, "started");
      Objects.requireNonNull(label, "label");
    }
  }

  /**
   * A series over the shown runs.
   *
   * @param group the chart group
   * @param runtime the runtime's id
   * @param figure the headline's name
   * @param unit the values' unit
   * @param better which direction is an improvement
   * @param points one per shown run that measured it, oldest first; copied
   */
  public record Series(
      String group,
      String runtime,
      String figure,
      String unit,
      Figure.Better better,
      List<Point> points) {

    public Series {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(figure, "figure");
      points = List.copyOf(points);
    }
  }

  /**
   * One run's value of a series.
   *
   * @param run the run's index in {@link Trend#shown()}
   * @param median the median over its rounds
   * @param min the smallest round
   * @param max the largest round
   * @param trials its rounds
   * @param text the median and range for people, e.g. {@code "150 ns [120-300 ns], 6 rounds"}
   * @param verdict the gate's verdict in that run, or null where it was not gated
   * @param ratio the gate's ratio this run/baseline in that run, or null
   */
  public record Point(
      int run,
      double median,
      double min,
      double max,
      int trials,
      String text,
      GateVerdict verdict,
      Double ratio) {}
}
