package dev.junitsandbox.measure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution one probe measured on one runtime: an HdrHistogram of nanoseconds, plus
 * what was measured and where.
 *
 * <p>Immutable: the histogram is copied in and out.
 */
public final class Measurement {

  /** Highest latency a measurement can hold: one hour, in nanoseconds. */
  public static final long HIGHEST_TRACKABLE_NANOS = Duration.ofHours(1).toNanos();

  /** Significant decimal digits kept for every value (0.1% resolution). */
  public static final int SIGNIFICANT_DIGITS = 3;

  private final String probe;
  private final String runtime;
  private final String metric;
  private final Map<String, String> parameters;
  private final Histogram nanos;

  /**
   * @param probe the probe's name, e.g. {@code "syscall.getpid"}
   * @param runtime the id of the runtime it ran on, e.g. {@code "runsc"} or {@code "host"}
   * @param metric what one recorded value is, e.g. {@code "latency per call"}
   * @param parameters the probe's parameters as shown in reports
   * @param nanos the recorded values in nanoseconds; copied
   * @throws IllegalArgumentException if the histogram is empty
   */
  public Measurement(
      String probe,
      String runtime,
      String metric,
      Map<String, String> parameters,
      Histogram nanos) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.metric = Objects.requireNonNull(metric, "metric");
    this.parameters = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(parameters)));
    Objects.requireNonNull(nanos, "nanos");
    if (nanos.getTotalCount() == 0) {
      throw new IllegalArgumentException(
          "a measurement needs at least one recorded value, but the histogram of "
              + probe
              + " on "
              + runtime
              + " is empty");
    }
    this.nanos = nanos.copy();
  }

  /** An empty histogram with the range and precision every measurement uses. */
  public static Histogram newNanosHistogram() {
    return new Histogram(HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
  }

  /** The probe's name, e.g. {@code "syscall.getpid"}. */
  public String probe() {
    return probe;
  }

  /** The id of the runtime it ran on, e.g. {@code "runsc"} or {@code "host"}. */
  public String runtime() {
    return runtime;
  }

  /** What one recorded value is, e.g. {@code "latency per call"}. */
  public String metric() {
    return metric;
  }

  /** The probe's parameters, in the probe's order. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** A copy of the recorded values, in nanoseconds. */
  public Histogram histogram() {
    return nanos.copy();
  }

  /** How many values were recorded. */
  public long count() {
    return nanos.getTotalCount();
  }

  /** The value at {@code percentile} (0 to 100), in nanoseconds. */
  public double percentileNanos(double percentile) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be from 0 to 100, but was " + percentile);
    }
    return nanos.getValueAtPercentile(percentile);
  }

  /** The value of {@code statistic}, in nanoseconds. */
  public double nanos(Statistic statistic) {
    return statistic.of(nanos);
  }

  /** Median, in nanoseconds. */
  public double p50Nanos() {
    return nanos(Statistic.P50);
  }

  /** The arithmetic mean, in nanoseconds. */
  public double meanNanos() {
    return nanos(Statistic.MEAN);
  }

  /** Whether {@code other} measured the same probe with the same parameters. */
  public boolean sameProbeAs(Measurement other) {
    return probe.equals(other.probe) && parameters.equals(other.parameters);
  }

  /**
   * This measurement's {@code statistic} divided by the same figure of {@code reference}: 2.0 means
   * twice as slow. Infinite when the reference is 0 ns and this is not; 1.0 when both are.
   */
  public double ratioTo(Measurement reference, Statistic statistic) {
    double base = reference.nanos(statistic);
    if (base == 0) {
      return nanos(statistic) == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return nanos(statistic) / base;
  }

  /** One line with the key figures, as used in assertion messages and logs. */
  public String summary() {
    StringBuilder line = new StringBuilder(probe).append(" on ").append(runtime).append(':');
    for (Statistic statistic : Statistic.values()) {
      line.append(' ')
          .append(statistic.label())
          .append('=')
          .append(Statistic.formatNanos(nanos(statistic)));
    }
    return line.append(" (").append(count()).append(" samples)").toString();
  }

  @Override
  public String toString() {
    return summary();
  }
}
