package dev.junitsandbox.internal.report;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.Headline;
import dev.junitsandbox.report.HostRatio;
import dev.junitsandbox.report.MeasurementResult;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place ratios to the host are computed for reports: each figure and latency statistic of a
 * measurement divided by the host's measurement in the same group ({@link Measurement#ratioTo} and
 * {@link Figure#ratioTo}, as assertions use them), with the direction that is better.
 */
final class HostRatios {

  private HostRatios() {}

  /** {@code measured} with its ratios to {@code host}; unchanged if it is the host's own. */
  static MeasurementResult compare(MeasurementResult measured, MeasurementResult host) {
    if (RuntimeOrder.isHost(measured.runtime())) {
      return measured;
    }
    Measurement measurement = measured.toMeasurement();
    Measurement reference = host.toMeasurement();
    MeasurementResult result = measured;
    if (measurement.hasLatency() && reference.hasLatency()) {
      Map<Statistic, HostRatio> ratios = new EnumMap<>(Statistic.class);
      for (Statistic statistic : Statistic.values()) {
        ratio(measurement.ratioTo(reference, statistic), Figure.Better.LOWER)
            .ifPresent(ratio -> ratios.put(statistic, ratio));
      }
      result = result.withLatency(measured.latency().withToHost(ratios));
    }
    List<FigureResult> figures =
        result.figures().stream()
            .map(
                figure ->
                    reference
                        .findFigure(figure.name())
                        .flatMap(base -> ratio(figure.toFigure().ratioTo(base), figure.better()))
                        .map(figure::withToHost)
                        .orElse(figure))
            .toList();
    Headline headline = result.headline();
    Optional<HostRatio> headlineRatio =
        headline.name().equals(Statistic.P50.label()) && result.latency() != null
            ? Optional.ofNullable(result.latency().toHost().get(Statistic.P50))
            : figures.stream()
                .filter(f -> f.name().equals(headline.name()))
                .findFirst()
                .map(FigureResult::toHost);
    return result.withFigures(
        figures,
        new Headline(
            headline.name(),
            headline.value(),
            headline.better(),
            headline.text(),
            headlineRatio.orElse(null)));
  }

  /** Empty where the host's value was 0 (an infinite ratio says nothing a reader can use). */
  private static Optional<HostRatio> ratio(double ratio, Figure.Better better) {
    return Double.isFinite(ratio) && ratio >= 0
        ? Optional.of(HostRatio.of(ratio, better))
        : Optional.empty();
  }
}
