package dev.junitsandbox.internal.report;

import dev.junitsandbox.measure.Measurement;
import java.io.PrintStream;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code .hlog}: HdrHistogram's lossless log, readable by its {@code HistogramLogReader} and
 * plotting tools. One line per interval the probe kept, else one line for the whole distribution,
 * each with its real start (relative to the {@code BaseTime} header, the start of the timed region)
 * and length. A measurement that does not know its timed region (only ones built by hand outside a
 * sandbox) gets a single interval at time 0 of length 0.
 */
final class HistogramLogFormat implements HistogramFormat {

  // HdrHistogram's default: the Interval_Max column shows nanoseconds as milliseconds
  private static final double MAX_COLUMN_RATIO = 1_000_000.0;

  private final PrintStream out;

  HistogramLogFormat(PrintStream out) {
    this.out = out;
  }

  @Override
  public void writeOut(Measurement measurement) {
    HistogramLogWriter log = new HistogramLogWriter(out);
    log.outputComment(measurement.summary() + "; values in nanoseconds");
    log.outputLogFormatVersion();
    List<Histogram> intervals =
        measurement.intervals().isEmpty()
            ? List.of(measurement.histogram())
            : measurement.intervals();
    if (measurement.startTime().isPresent()) {
      // a Recorder's first interval may start before the region the probe declared
      long startMillis =
          Math.min(
              measurement.startTime().orElseThrow().toEpochMilli(),
              intervals.stream().mapToLong(Histogram::getStartTimeStamp).min().orElseThrow());
      log.outputStartTime(startMillis);
      log.setBaseTime(startMillis);
      log.outputBaseTime(startMillis);
      log.outputLegend();
      intervals.forEach(interval -> log.outputIntervalHistogram(interval));
    } else {
      log.outputComment("timed region unknown: the measurement was not taken by a sandbox");
      log.outputLegend();
      intervals.forEach(interval -> log.outputIntervalHistogram(0, 0, interval, MAX_COLUMN_RATIO));
    }
  }
}
