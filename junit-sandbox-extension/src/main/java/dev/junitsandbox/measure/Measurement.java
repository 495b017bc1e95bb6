package dev.junitsandbox.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * What one probe measured on one runtime: a latency distribution (an HdrHistogram of nanoseconds),
 * named {@link Figure}s such as throughputs and memory sizes, or both, plus what was measured,
 * where, and notes a reader of the report needs (e.g. "file size 1/40 of the studies'").
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
  private final Histogram nanos; // null when the probe measured figures only
  private final List<Figure> figures;
  private final List<String> notes;

  /**
   * A latency measurement without figures.
   *
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
    this(
        probe,
        runtime,
        metric,
        parameters,
        Objects.requireNonNull(nanos, "nanos"),
        List.of(),
        List.of());
  }

  private Measurement(
      String probe,
      String runtime,
      String metric,
      Map<String, String> parameters,
      Histogram nanos,
      List<Figure> figures,
      List<String> notes) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.figures = List.copyOf(figures);
    this.notes = List.copyOf(notes);
    if (nanos == null) {
      if (this.figures.isEmpty()) {
        throw new IllegalArgumentException(
            "a measurement needs a latency histogram or at least one figure, but "
                + probe
                + " on "
                + runtime
                + " has neither");
      }
      this.metric = metric == null ? "" : metric;
      this.nanos = null;
    } else {
      if (nanos.getTotalCount() == 0) {
        throw new IllegalArgumentException(
            "a measurement needs at least one recorded value, but the histogram of "
                + probe
                + " on "
                + runtime
                + " is empty");
      }
      this.metric = Objects.requireNonNull(metric, "metric");
      this.nanos = nanos.copy();
    }
    Set<String> names = new HashSet<>();
    for (Figure figure : this.figures) {
      if (!names.add(figure.name())) {
        throw new IllegalArgumentException(
            "figure " + figure.name() + " appears twice in the measurement of " + probe);
      }
    }
  }

  /**
   * Starts a measurement of {@code probe} on {@code runtime}; add a latency histogram, figures or
   * both.
   */
  public static Builder builder(String probe, String runtime, Map<String, String> parameters) {
    return new Builder(probe, runtime, parameters);
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

  /** What one recorded latency value is, e.g. {@code "latency per call"}; empty without one. */
  public String metric() {
    return metric;
  }

  /** The probe's parameters, in the probe's order. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Whether this measurement holds a latency distribution (otherwise only figures). */
  public boolean hasLatency() {
    return nanos != null;
  }

  /** The named figures, in the probe's order; may be empty. */
  public List<Figure> figures() {
    return figures;
  }

  /**
   * The figure called {@code name}.
   *
   * @throws IllegalArgumentException naming the figures this measurement has
   */
  public Figure figure(String name) {
    return findFigure(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        "%s on %s has no figure '%s'; it has %s",
                        probe, runtime, name, figures.stream().map(Figure::name).toList())));
  }

  /** The figure called {@code name}, if there is one. */
  public Optional<Figure> findFigure(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** What a reader of the report must know to read the figures right; may be empty. */
  public List<String> notes() {
    return notes;
  }

  /** A copy of the recorded latencies, in nanoseconds. */
  public Histogram histogram() {
    return latency().copy();
  }

  /** How many latency values were recorded. */
  public long count() {
    return latency().getTotalCount();
  }

  /** The latency at {@code percentile} (0 to 100), in nanoseconds. */
  public double percentileNanos(double percentile) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be from 0 to 100, but was " + percentile);
    }
    return latency().getValueAtPercentile(percentile);
  }

  /** The value of {@code statistic} of the latencies, in nanoseconds. */
  public double nanos(Statistic statistic) {
    return statistic.of(latency());
  }

  /** Median latency, in nanoseconds. */
  public double p50Nanos() {
    return nanos(Statistic.P50);
  }

  /** The arithmetic mean of the latencies, in nanoseconds. */
  public double meanNanos() {
    return nanos(Statistic.MEAN);
  }

  private Histogram latency() {
    if (nanos == null) {
      throw new IllegalStateException(
          String.format(
              "%s on %s measured no latency distribution, only figures %s; use figure(name)",
              probe, runtime, figures.stream().map(Figure::name).toList()));
    }
    return nanos;
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
    for (Figure figure : figures) {
      line.append(' ').append(figure.format());
    }
    if (nanos != null) {
      for (Statistic statistic : Statistic.values()) {
        line.append(' ')
            .append(statistic.label())
            .append('=')
            .append(Statistic.formatNanos(nanos(statistic)));
      }
      line.append(" (").append(count()).append(" samples)");
    }
    return line.toString();
  }

  @Override
  public String toString() {
    return summary();
  }

  /** Collects the parts of a {@link Measurement}. */
  public static final class Builder {

    private final String probe;
    private final String runtime;
    private final Map<String, String> parameters;
    private String metric;
    private Histogram nanos;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(String probe, String runtime, Map<String, String> parameters) {
      this.probe = Objects.requireNonNull(probe, "probe");
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      this.parameters = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
    }

    /** The latency distribution, in nanoseconds, and what one value is. */
    public Builder latency(String metric, Histogram nanos) {
      this.metric = Objects.requireNonNull(metric, "metric");
      this.nanos = Objects.requireNonNull(nanos, "nanos");
      return this;
    }

    /** Adds a figure; names must be unique within a measurement. */
    public Builder figure(Figure figure) {
      figures.add(Objects.requireNonNull(figure, "figure"));
      return this;
    }

    /** Adds a figure without samples. */
    public Builder figure(String name, String unit, double value, Figure.Better better) {
      return figure(Figure.of(name, unit, value, better));
    }

    /** Adds a note for readers of the report. */
    public Builder note(String note) {
      notes.add(Objects.requireNonNull(note, "note"));
      return this;
    }

    /**
     * @throws IllegalArgumentException if there is neither a non-empty histogram nor a figure
     */
    public Measurement build() {
      return new Measurement(probe, runtime, metric, parameters, nanos, figures, notes);
    }
  }
}
