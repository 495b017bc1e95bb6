package dev.junitsandbox.report;

import dev.junitsandbox.internal.report.HistogramCodec;
import dev.junitsandbox.measure.Statistic;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * The latency distribution of a measurement, as reported: its summary, the whole histogram
 * losslessly, its intervals where the probe kept them, the plotted percentiles, the files written
 * beside it, and each statistic's ratio to the host's.
 *
 * @param metric what one value is, e.g. {@code "latency per call"}
 * @param unit always {@code "ns"}
 * @param count how many values were recorded, at least 1
 * @param p50 the median, nanoseconds
 * @param p90 the 90th percentile, nanoseconds
 * @param p99 the 99th percentile, nanoseconds
 * @param max the largest value, nanoseconds
 * @param mean the arithmetic mean, nanoseconds
 * @param histogram every value, in HdrHistogram's compressed form, Base64: lossless
 * @param intervals the intervals the histogram sums, in order; empty when the probe kept one
 *     distribution; copied
 * @param percentiles the points the report plots; copied
 * @param percentileFile the {@code .hgrm} file, relative to the reports directory (to the
 *     invocation's directory in {@code invocation.json})
 * @param logFile the {@code .hlog} file, relative in the same way
 * @param toHost each statistic divided by the host's in the same group; empty on the host or
 *     without a host measurement; copied
 */
public record LatencyResult(
    String metric,
    String unit,
    long count,
    double p50,
    double p90,
    double p99,
    double max,
    double mean,
    String histogram,
    List<LatencyInterval> intervals,
    List<Percentile> percentiles,
    String percentileFile,
    String logFile,
    Map<Statistic, HostRatio> toHost) {

  /** The unit of every latency value. */
  public static final String NANOSECONDS = "ns";

  public LatencyResult {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(histogram, "histogram");
    Objects.requireNonNull(percentileFile, "percentileFile");
    Objects.requireNonNull(logFile, "logFile");
    if (!NANOSECONDS.equals(unit)) {
      throw new IllegalArgumentException(
          "latencies are reported in " + NANOSECONDS + ", but the unit was " + unit);
    }
    if (count < 1) {
      throw new IllegalArgumentException(
          "a latency distribution holds at least one value, but the count was " + count);
    }
    intervals = intervals == null ? List.of() : List.copyOf(intervals);
    percentiles = percentiles == null ? List.of() : List.copyOf(percentiles);
    EnumMap<Statistic, HostRatio> ratios = new EnumMap<>(Statistic.class);
    if (toHost != null) {
      ratios.putAll(toHost);
    }
    toHost = Collections.unmodifiableMap(ratios);
  }

  /** The value of {@code statistic}, in nanoseconds. */
  public double value(Statistic statistic) {
    return switch (statistic) {
      case P50 -> p50;
      case P90 -> p90;
      case P99 -> p99;
      case MAX -> max;
      case MEAN -> mean;
    };
  }

  /** The whole distribution, decoded: the very histogram the probe recorded. */
  public Histogram decodeHistogram() {
    return HistogramCodec.decode(histogram);
  }

  /** This entry with its files relative to {@code folder} (a path relative to the reports dir). */
  public LatencyResult withFilesUnder(String folder) {
    return with(folder + "/" + percentileFile, folder + "/" + logFile, toHost);
  }

  /** This entry with {@code ratios} to the host. */
  public LatencyResult withToHost(Map<Statistic, HostRatio> ratios) {
    return with(percentileFile, logFile, ratios);
  }

  private LatencyResult with(
      String percentileFile, String logFile, Map<Statistic, HostRatio> toHost) {
    return new LatencyResult(
        metric,
        unit,
        count,
        p50,
        p90,
        p99,
        max,
        mean,
        histogram,
        intervals,
        percentiles,
        percentileFile,
        logFile,
        toHost);
  }
}
