package dev.junitsandbox.internal.report;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.HostRatio;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.LatencyResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.TrialSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.statistics.descriptive.Median;

/**
 * The rounds of a matrix as trials: per chart group and runtime, the headline value of each round
 * (the first measurement of that group and runtime in the round's invocation; a second measurement
 * in the same sandbox is not a new trial), their median and range, and the median's ratio to the
 * host's median in the same group.
 */
final class Trials {

  private Trials() {}

  /**
   * One series per group and runtime measured in two rounds or more, groups in first-seen order.
   */
  static List<TrialSeries> series(List<InvocationResult> invocations) {
    Map<String, Map<String, TreeMap<Integer, MeasurementResult>>> byGroup = new LinkedHashMap<>();
    for (InvocationResult invocation : invocations) {
      for (MeasurementResult measurement : invocation.measurements()) {
        byGroup
            .computeIfAbsent(measurement.group(), g -> new LinkedHashMap<>())
            .computeIfAbsent(measurement.runtime(), r -> new TreeMap<>())
            .putIfAbsent(invocation.round(), measurement);
      }
    }
    List<TrialSeries> all = new ArrayList<>();
    byGroup.forEach(
        (group, byRuntime) -> {
          Map<String, TrialSeries> unrated = new LinkedHashMap<>();
          byRuntime.forEach(
              (runtime, rounds) -> {
                if (rounds.size() > 1) {
                  TrialSeries series = series(group, runtime, rounds);
                  if (series != null) {
                    unrated.put(runtime, series);
                  }
                }
              });
          TrialSeries host =
              unrated.entrySet().stream()
                  .filter(e -> RuntimeOrder.isHost(e.getKey()))
                  .map(Map.Entry::getValue)
                  .findFirst()
                  .orElse(null);
          unrated.values().forEach(series -> all.add(toHost(series, host)));
        });
    return all;
  }

  /** The series, or null where fewer than two rounds have the first round's headline. */
  private static TrialSeries series(
      String group, String runtime, TreeMap<Integer, MeasurementResult> rounds) {
    MeasurementResult first = rounds.firstEntry().getValue();
    String name = first.headline().name();
    boolean latency = isMedianLatency(first);
    String unit =
        latency
            ? LatencyResult.NANOSECONDS
            : first.findFigure(name).map(FigureResult::unit).orElseThrow();
    List<TrialSeries.Trial> trials = new ArrayList<>();
    rounds.forEach(
        (round, measurement) -> {
          // every round of a group runs the same probe with the same parameters, so the same
          // headline; should a probe choose another one, that round is not comparable and is left
          // out
          if (measurement.headline().name().equals(name)) {
            double value = measurement.headline().value();
            trials.add(new TrialSeries.Trial(round, value, format(latency, unit, value)));
          }
        });
    if (trials.size() < 2) {
      return null;
    }
    double[] sorted = trials.stream().mapToDouble(TrialSeries.Trial::value).sorted().toArray();
    // Commons Statistics, as the comparisons use: the middle value, or the mean of the middle two
    double median = Median.withDefaults().withCopy(true).evaluate(sorted);
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    // the round nearest the median, the earlier on a tie: its histogram stands for the series
    TrialSeries.Trial nearest = trials.get(0);
    for (TrialSeries.Trial trial : trials) {
      if (Math.abs(trial.value() - median) < Math.abs(nearest.value() - median)) {
        nearest = trial;
      }
    }
    return new TrialSeries(
        group,
        runtime,
        name,
        unit,
        first.headline().better(),
        trials,
        median,
        min,
        max,
        format(latency, unit, median),
        range(format(latency, unit, min), format(latency, unit, max)),
        nearest.round(),
        null);
  }

  private static TrialSeries toHost(TrialSeries series, TrialSeries host) {
    if (host == null || series == host || !host.name().equals(series.name())) {
      return series;
    }
    double ratio = series.median() / host.median();
    if (!Double.isFinite(ratio) || ratio < 0) {
      return series; // a host median of 0 gives no ratio a reader can use
    }
    return new TrialSeries(
        series.group(),
        series.runtime(),
        series.name(),
        series.unit(),
        series.better(),
        series.trials(),
        series.median(),
        series.min(),
        series.max(),
        series.medianText(),
        series.rangeText(),
        series.medianRound(),
        HostRatio.of(ratio, series.better()));
  }

  /** The headline is the median latency, not a figure ({@link MeasurementResults}). */
  private static boolean isMedianLatency(MeasurementResult measurement) {
    return measurement.figures().isEmpty() && measurement.latency() != null;
  }

  /** As the headline's own text is written ({@link MeasurementResults}). */
  private static String format(boolean latency, String unit, double value) {
    return latency ? Statistic.formatNanos(value) : Figure.formatValue(value) + " " + unit;
  }

  /** {@code "13.9-15.0 us"} where both ends have the same unit, else {@code "950 ns-1.2 us"}. */
  private static String range(String min, String max) {
    int space = min.lastIndexOf(' ');
    if (space > 0 && max.endsWith(min.substring(space))) {
      return min.substring(0, space) + "-" + max;
    }
    return min + "-" + max;
  }
}
