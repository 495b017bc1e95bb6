package dev.junitsandbox.measure;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named number a probe measured besides (or instead of) a latency distribution: a throughput, a
 * rate, a memory size. Where the probe took it several times (one value per idle container, per
 * round, per interval) the single values are kept in {@link #samples()}, so reports can show the
 * spread.
 *
 * @param name a short identifier, stable across runs, e.g. {@code "requestsPerSecond"}
 * @param unit the unit of {@code value} and of the samples, e.g. {@code "req/s"}, {@code "MiB"}
 * @param value the figure itself; its javadoc in the probe says how it is computed (usually the
 *     tool's own total, or the mean of the samples)
 * @param better which direction is an improvement, for ratios and colours in reports
 * @param samples the single values behind {@code value}, possibly empty; copied
 */
public record Figure(String name, String unit, double value, Better better, List<Double> samples) {

  /** Which direction of a figure is an improvement. */
  public enum Better {
    HIGHER,
    LOWER
  }

  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a figure needs a name, but it was blank");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "figure " + name + " must be a finite number, but was " + value);
    }
    samples = List.copyOf(samples);
  }

  /** A figure without single samples. */
  public static Figure of(String name, String unit, double value, Better better) {
    return new Figure(name, unit, value, better, List.of());
  }

  /** A figure whose value is the mean of {@code samples}. */
  public static Figure meanOf(String name, String unit, Better better, List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("figure " + name + " needs at least one sample");
    }
    double mean = samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return new Figure(name, unit, mean, better, samples);
  }

  /**
   * This figure's value divided by {@code reference}'s: 0.5 for half the throughput of the host.
   * Infinite when the reference is 0 and this is not; 1.0 when both are.
   */
  public double ratioTo(Figure reference) {
    if (reference.value == 0) {
      return value == 0 ? 1.0 : Double.POSITIVE_INFINITY;
    }
    return value / reference.value;
  }

  /** For people: {@code "requestsPerSecond=10234.5 req/s"}. */
  public String format() {
    return String.format(Locale.ROOT, "%s=%s %s", name, formatValue(value), unit);
  }

  /**
   * Three significant digits at least, no exponent: {@code "0.00312"}, {@code "12.4"}, {@code
   * "10235"}.
   */
  public static String formatValue(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 100 || magnitude == 0) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (magnitude >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }
}
