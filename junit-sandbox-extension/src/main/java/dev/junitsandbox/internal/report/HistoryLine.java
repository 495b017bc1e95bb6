package dev.junitsandbox.internal.report;

import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.RuntimeDescription;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One line of the run history ({@code junit.sandbox.gate.history}, schema {@value #SCHEMA}): one
 * run in a few hundred bytes per series, so that a history of hundreds of runs stays small enough
 * to keep as a CI cache and to read whole at the end of every run. What a trend needs and no more:
 * the run, its machine and the versions the gate lists as "what changed" (the {@code environment}
 * and {@code runtimes} of {@code results.json}), each trial series' median and range and, in a
 * gated run, each gated figure's verdict. The trials themselves stay in the run's {@code
 * results.json}.
 *
 * @param schema always {@value #SCHEMA}
 * @param runIds the run's ids (several where concurrent forks merged one report); copied
 * @param started when the run started
 * @param finished when it finished
 * @param environment the machine and its versions, or null where the run measured nothing
 * @param runtimes the runtimes the run measured on, with their versions; copied
 * @param baseline the baseline the run was gated against, as configured, or null
 * @param series one per {@code trialSeries} entry of the run, in its order; copied; empty in a run
 *     without rounds, which still has its line so that the count of runs is honest
 */
record HistoryLine(
    String schema,
    List<String> runIds,
    Instant started,
    Instant finished,
    Environment environment,
    List<RuntimeDescription> runtimes,
    String baseline,
    List<Series> series) {

  /** Identifies the layout of a line; bumped on any incompatible change. */
  static final String SCHEMA = "junit-sandbox/history/1";

  HistoryLine {
    if (!SCHEMA.equals(schema)) {
      throw new IllegalArgumentException(
          String.format(
              "a history line of schema '%s' cannot be read as %s (written by another version)",
              schema, SCHEMA));
    }
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    runIds = runIds == null ? List.of() : List.copyOf(runIds);
    runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
    series = series == null ? List.of() : List.copyOf(series);
  }

  /**
   * One trial series of the run ({@code results.json} {@code trialSeries}) and, where the run was
   * gated, the verdict on its figure.
   *
   * @param group the chart group, e.g. {@code "GetpidTest.getpid · syscall.getpid"}
   * @param runtime the runtime's id
   * @param figure the headline's name, e.g. {@code "p50"}
   * @param unit the unit of the values, {@code "ns"} for a median latency
   * @param better which direction is an improvement
   * @param median the median over the rounds
   * @param min the smallest round's value
   * @param max the largest round's value
   * @param trials the rounds, at least 1
   * @param medianText the median for people
   * @param rangeText the range for people
   * @param verdict the gate's verdict on this figure, or null where it was not gated
   * @param ratio the gate's ratio this run/baseline (of ratios to the host in that mode), or null
   * @param mode the gate's mode ({@code "direct"}, {@code "relative to host"}), or null
   */
  record Series(
      String group,
      String runtime,
      String figure,
      String unit,
      Figure.Better better,
      double median,
      double min,
      double max,
      int trials,
      String medianText,
      String rangeText,
      GateVerdict verdict,
      Double ratio,
      String mode) {

    Series {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(figure, "figure");
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(better, "better");
      medianText = medianText == null ? "" : medianText;
      rangeText = rangeText == null ? "" : rangeText;
      if (trials < 1 || !(min <= median && median <= max)) {
        throw new IllegalArgumentException(
            String.format(
                "%s on %s in %s: a series has at least 1 trial and its median between its smallest"
                    + " and largest value, but had %d trials, %s <= %s <= %s",
                figure, runtime, group, trials, min, median, max));
      }
    }
  }
}
