package dev.junitsandbox.internal.report;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Statistic;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.Headline;
import dev.junitsandbox.report.LatencyInterval;
import dev.junitsandbox.report.LatencyResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.Percentile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns a {@link Measurement} into its report entry. */
final class MeasurementResults {

  // the percentiles plotted in the distribution charts: HdrHistogram's "number of nines" steps
  private static final double[] PLOTTED_PERCENTILES = {
    0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999, 100
  };

  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private MeasurementResults() {}

  /**
   * The entry of {@code measurement}, its files named {@code fileBase + ".hgrm"/".hlog"}; not yet
   * grouped, without ratios to the host.
   */
  static MeasurementResult of(Measurement measurement, String fileBase) {
    LatencyResult latency = measurement.hasLatency() ? latency(measurement, fileBase) : null;
    List<FigureResult> figures = measurement.figures().stream().map(FigureResult::of).toList();
    return new MeasurementResult(
        measurement.probe(),
        measurement.runtime(),
        measurement.parameters(),
        measurement.startTime().orElse(null),
        measurement.endTime().orElse(null),
        loadAverage(),
        latency,
        figures,
        measurement.notes(),
        null,
        null,
        headline(measurement));
  }

  private static LatencyResult latency(Measurement measurement, String fileBase) {
    Histogram histogram = measurement.histogram();
    List<LatencyInterval> intervals = new ArrayList<>();
    for (Histogram interval : measurement.intervals()) {
      intervals.add(
          new LatencyInterval(
              Instant.ofEpochMilli(interval.getStartTimeStamp()),
              Instant.ofEpochMilli(interval.getEndTimeStamp()),
              HistogramCodec.encode(interval)));
    }
    List<Percentile> percentiles = new ArrayList<>();
    for (double percentile : PLOTTED_PERCENTILES) {
      percentiles.add(new Percentile(percentile, histogram.getValueAtPercentile(percentile)));
    }
    return new LatencyResult(
        measurement.metric(),
        LatencyResult.NANOSECONDS,
        measurement.count(),
        measurement.nanos(Statistic.P50),
        measurement.nanos(Statistic.P90),
        measurement.nanos(Statistic.P99),
        measurement.nanos(Statistic.MAX),
        measurement.nanos(Statistic.MEAN),
        HistogramCodec.encode(histogram),
        intervals,
        percentiles,
        fileBase + ".hgrm",
        fileBase + ".hlog",
        Map.of());
  }

  /** The first field of {@code /proc/loadavg}, the 1-minute load average; null without it. */
  private static Double loadAverage() {
    try {
      String line = Files.readString(LOADAVG);
      return Double.valueOf(line.substring(0, line.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return null; // not Linux, or a format this code does not know: the gate then cannot check
    }
  }

  /** The first figure, or else the median latency. */
  private static Headline headline(Measurement measurement) {
    if (!measurement.figures().isEmpty()) {
      Figure first = measurement.figures().get(0);
      return new Headline(
          first.name(),
          first.value(),
          first.better(),
          Figure.formatValue(first.value()) + " " + first.unit(),
          null);
    }
    double p50 = measurement.p50Nanos();
    return new Headline(
        Statistic.P50.label(), p50, Figure.Better.LOWER, Statistic.formatNanos(p50), null);
  }
}
