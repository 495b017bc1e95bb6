package dev.junitsandbox.compare;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One fresh sandbox and one probe run in it, summarised to the figures of that run: the unit of
 * evidence of a {@link Comparison}.
 *
 * @param side which side of the comparison it belongs to
 * @param runtime the id of the runtime it ran on, e.g. {@code "runc"} or {@code "host"}
 * @param index its place in the comparison's run order, from 0
 * @param start when its probe's timed region started
 * @param figures its figures, by name unique; the latency statistics {@link #LATENCY_STATISTICS}
 *     (in nanoseconds) come first when the probe measured latencies; copied, without samples
 */
public record Trial(Side side, String runtime, int index, Instant start, List<Figure> figures) {

  /** The statistics of a latency distribution a trial keeps, as figures named by their label. */
  public static final List<Statistic> LATENCY_STATISTICS =
      List.of(Statistic.P50, Statistic.P99, Statistic.MEAN);

  public Trial {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(start, "start");
    if (index < 0) {
      throw new IllegalArgumentException(
          "a trial's index is its place in the run order, from 0, but was " + index);
    }
    // the single samples belong to the measurement (in the report); a trial is one value per figure
    figures =
        figures.stream()
            .map(
                f ->
                    f.samples().isEmpty()
                        ? f
                        : Figure.of(f.name(), f.unit(), f.value(), f.better()))
            .toList();
    if (figures.isEmpty()) {
      throw new IllegalArgumentException(
          "trial " + index + " on " + runtime + " has no figures: it has nothing to compare");
    }
    Set<String> names = new HashSet<>();
    for (Figure figure : figures) {
      if (!names.add(figure.name())) {
        throw new IllegalArgumentException(
            "figure " + figure.name() + " appears twice in trial " + index + " on " + runtime);
      }
    }
  }

  /**
   * The trial that {@code measurement} is: its latency statistics ({@link #LATENCY_STATISTICS}) and
   * its named figures.
   *
   * @throws IllegalArgumentException if the measurement has no timed region, or a figure named like
   *     one of the latency statistics (rename the figure in the probe)
   */
  public static Trial of(Side side, int index, Measurement measurement) {
    Objects.requireNonNull(measurement, "measurement");
    Instant start =
        measurement
            .startTime()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the measurement of "
                            + measurement.probe()
                            + " on "
                            + measurement.runtime()
                            + " has no timed region; take it through a Sandbox, which stamps"
                            + " one"));
    List<Figure> figures = new ArrayList<>();
    if (measurement.hasLatency()) {
      for (Statistic statistic : LATENCY_STATISTICS) {
        if (measurement.findFigure(statistic.label()).isPresent()) {
          throw new IllegalArgumentException(
              String.format(
                  "%s has a figure named '%s', which is also the name of its latency statistic in"
                      + " a comparison; give the figure another name in the probe",
                  measurement.probe(), statistic.label()));
        }
        figures.add(
            Figure.of(statistic.label(), "ns", measurement.nanos(statistic), Figure.Better.LOWER));
      }
    }
    figures.addAll(measurement.figures());
    return new Trial(side, measurement.runtime(), index, start, figures);
  }

  /** The figure called {@code name}, if this trial has it. */
  public Optional<Figure> figure(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
