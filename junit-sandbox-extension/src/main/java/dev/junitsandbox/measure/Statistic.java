package dev.junitsandbox.measure;

import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/** The figures reports and assertions use to summarise a {@link Measurement}. */
public enum Statistic {
  P50("p50", h -> h.getValueAtPercentile(50)),
  P90("p90", h -> h.getValueAtPercentile(90)),
  P99("p99", h -> h.getValueAtPercentile(99)),
  MAX("max", h -> h.getMaxValue()),
  MEAN("mean", Histogram::getMean);

  private final String label;
  private final ToDoubleFunction<Histogram> read;

  Statistic(String label, ToDoubleFunction<Histogram> read) {
    this.label = label;
    this.read = read;
  }

  /** The short name used in messages and reports, e.g. {@code "p50"}. */
  public String label() {
    return label;
  }

  double of(Histogram histogram) {
    return read.applyAsDouble(histogram);
  }

  /** Formats nanoseconds for people: {@code "145 ns"}, {@code "19.2 us"}, {@code "1.50 ms"}. */
  public static String formatNanos(double nanos) {
    if (nanos < 1_000) {
      return String.format(Locale.ROOT, "%.0f ns", nanos);
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1_000);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1_000_000_000);
  }

  /** Formats a ratio for people: {@code "1.21"}, or {@code "infinite"}. */
  public static String formatRatio(double ratio) {
    return Double.isInfinite(ratio) ? "infinite" : String.format(Locale.ROOT, "%.2f", ratio);
  }
}
