package dev.junitsandbox.report;

import dev.junitsandbox.measure.Figure;
import java.util.Locale;
import java.util.Objects;

/**
 * A value divided by the host's value of the same figure or statistic, with which direction is
 * better and how far from the host that puts the runtime. Computed once, when the run report is
 * assembled; the page and the console only show it.
 *
 * @param ratio this runtime's value divided by the host's: 2.0 is twice the latency, or twice the
 *     throughput; finite
 * @param better which direction of the value is an improvement
 * @param band how much worse than the host, taking {@code better} into account
 */
public record HostRatio(double ratio, Figure.Better better, Band band) {

  /** How much worse than the host a runtime is, in the bands the report colours. */
  public enum Band {
    /** At most 1.1 times worse, or better than the host. */
    CLOSE,
    /** At most 2 times worse. */
    WITHIN_2X,
    /** At most 10 times worse. */
    WITHIN_10X,
    /** More than 10 times worse. */
    BEYOND_10X
  }

  public HostRatio {
    Objects.requireNonNull(better, "better");
    Objects.requireNonNull(band, "band");
    if (!Double.isFinite(ratio) || ratio < 0) {
      throw new IllegalArgumentException(
          "a ratio to the host must be finite and not negative, but was " + ratio);
    }
  }

  /**
   * The ratio {@code ratio} of a value where {@code better} is the improving direction.
   *
   * @throws IllegalArgumentException if the ratio is negative, infinite or NaN
   */
  public static HostRatio of(double ratio, Figure.Better better) {
    double timesWorse = better == Figure.Better.HIGHER ? 1 / ratio : ratio;
    Band band;
    if (timesWorse <= 1.1) {
      band = Band.CLOSE;
    } else if (timesWorse <= 2) {
      band = Band.WITHIN_2X;
    } else if (timesWorse <= 10) {
      band = Band.WITHIN_10X;
    } else {
      band = Band.BEYOND_10X;
    }
    return new HostRatio(ratio, better, band);
  }

  /** For people: {@code "1.21x"}. */
  public String format() {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
