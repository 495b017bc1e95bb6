package dev.junitsandbox.internal.report;

import dev.junitsandbox.measure.Measurement;
import java.io.PrintStream;

/** {@code .hgrm}: HdrHistogram's percentile table, for people and its plotter. */
final class PercentileTableFormat implements HistogramFormat {

  private final PrintStream out;

  PercentileTableFormat(PrintStream out) {
    this.out = out;
  }

  @Override
  public void writeOut(Measurement measurement) {
    out.printf("# %s%n# values in nanoseconds%n", measurement.summary());
    // scaling ratio 1.0: the histogram already holds nanoseconds
    measurement.histogram().outputPercentileDistribution(out, 1.0);
  }
}
