package dev.junitsandbox.report;

import dev.junitsandbox.measure.Figure;
import java.util.List;
import java.util.Objects;

/**
 * A named figure of a measurement, as reported: the {@link Figure} plus its ratio to the host's.
 *
 * @param name a short identifier, e.g. {@code "requestsPerSecond"}
 * @param unit the unit of {@code value} and of the samples
 * @param value the figure; finite
 * @param better which direction is an improvement
 * @param samples the single values behind {@code value}, possibly empty; copied
 * @param toHost the ratio to the host's figure of the same name in the same group, or {@code null}
 *     on the host, where the host measured no such figure, or where the host's figure was 0
 */
public record FigureResult(
    String name,
    String unit,
    double value,
    Figure.Better better,
    List<Double> samples,
    HostRatio toHost) {

  public FigureResult {
    // the same rules as a Figure's
    Figure checked = new Figure(name, unit, value, better, samples == null ? List.of() : samples);
    samples = checked.samples();
    Objects.requireNonNull(better, "better");
  }

  /** The report entry of {@code figure}, without a ratio. */
  public static FigureResult of(Figure figure) {
    return new FigureResult(
        figure.name(), figure.unit(), figure.value(), figure.better(), figure.samples(), null);
  }

  /** The figure as measured. */
  public Figure toFigure() {
    return new Figure(name, unit, value, better, samples);
  }

  /** This entry with {@code ratio} to the host. */
  public FigureResult withToHost(HostRatio ratio) {
    return new FigureResult(name, unit, value, better, samples, ratio);
  }
}
