package dev.junitsandbox.report;

import dev.junitsandbox.measure.Figure;
import java.util.List;
import java.util.Objects;

/**
 * The headline figure of one group on one runtime across the rounds of its matrix
 * ({@code @Runtimes(rounds = ...)}): one trial per round, each a fresh sandbox, in run order, and
 * their median and range, which summary tables show in place of a single round's value. Computed
 * once, when the run report is assembled; only where a group ran on a runtime in two rounds or
 * more.
 *
 * @param group the chart group, as {@link MeasurementResult#group()}
 * @param runtime the id of the runtime the measurements ran on, as {@link
 *     MeasurementResult#runtime()}
 * @param name the headline's name, e.g. {@code "p50"} or {@code "eventsPerSecond"}
 * @param unit the unit of the values: {@code "ns"} for a median latency, else the figure's unit
 * @param better which direction is an improvement
 * @param trials one per round, in round order (which is run order); at least two; copied
 * @param median the median of the trials' values (the mean of the middle two for an even count)
 * @param min the smallest trial value
 * @param max the largest trial value
 * @param medianText the median for people, with its unit: {@code "14.3 us"}
 * @param rangeText the smallest to the largest value for people: {@code "13.9-15.0 us"}
 * @param medianRound the round whose value is nearest the median (the earlier one on a tie): the
 *     round whose distribution stands for the series in charts of a single round
 * @param toHost this median divided by the host's median in the same group, or {@code null} on the
 *     host, without a host series and where the host's median was 0
 */
public record TrialSeries(
    String group,
    String runtime,
    String name,
    String unit,
    Figure.Better better,
    List<Trial> trials,
    double median,
    double min,
    double max,
    String medianText,
    String rangeText,
    int medianRound,
    HostRatio toHost) {

  public TrialSeries {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(medianText, "medianText");
    Objects.requireNonNull(rangeText, "rangeText");
    trials = trials == null ? List.of() : List.copyOf(trials);
    if (trials.size() < 2) {
      throw new IllegalArgumentException(
          String.format(
              "a series of %s on %s in %s needs at least 2 trials, but had %d: one round is a"
                  + " single measurement, reported as such",
              name, runtime, group, trials.size()));
    }
    if (!(min <= median && median <= max)) {
      throw new IllegalArgumentException(
          String.format(
              "%s on %s in %s: the median %s must lie between the smallest %s and the largest %s",
              name, runtime, group, median, min, max));
    }
  }

  /**
   * One round's value.
   *
   * @param round the round, from 1
   * @param value the headline's value in that round, in {@link TrialSeries#unit()}
   * @param text the value for people, with its unit
   */
  public record Trial(int round, double value, String text) {

    public Trial {
      Objects.requireNonNull(text, "text");
      if (round < 1 || !Double.isFinite(value)) {
        throw new IllegalArgumentException(
            "a trial has a round from 1 and a finite value, but was round "
                + round
                + " with "
                + value);
      }
    }
  }

  /**
   * For people: the median, its ratio to the host's median where there is one, and the range:
   * {@code "14.3 us (1.21x) [13.9-15.0 us]"}.
   */
  public String format() {
    return medianText
        + (toHost == null ? "" : " (" + toHost.format() + ")")
        + " ["
        + rangeText
        + "]";
  }
}
