package dev.junitsandbox.measure;

import dev.junitsandbox.internal.TimedRegion;
import java.time.Duration;
import java.time.Instant;
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
 * <p>A measurement knows when its timed region started and ended ({@link #startTime()}, {@link
 * #endTime()}) when the probe said so, or once the sandbox that ran the probe has stamped it; its
 * histograms carry the same timestamps, so histogram logs show real times. A long probe may keep
 * its latencies as intervals ({@link Builder#latency(String, LatencyRecorder)}): the histogram is
 * then their sum, and the log has one line per interval.
 *
 * <p>Immutable: histograms are copied in and out.
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
  private final List<Histogram> intervals; // empty unless the probe kept intervals
  private final Instant start; // null while unknown
  private final Instant end;

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
        List.of(),
        List.of(),
        null,
        null);
  }

  private Measurement(
      String probe,
      String runtime,
      String metric,
      Map<String, String> parameters,
      Histogram nanos,
      List<Figure> figures,
      List<String> notes,
      List<Histogram> intervals,
      Instant start,
      Instant end) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    this.figures = List.copyOf(figures);
    this.notes = List.copyOf(notes);
    this.intervals = intervals.stream().map(Histogram::copy).toList();
    TimedRegion.check(probe, runtime, start, end);
    this.start = start;
    this.end = end;
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
      requireInRange(nanos, "the histogram of " + probe + " on " + runtime);
      this.nanos = nanos.copy();
      if (start != null) {
        // histogram logs read the timed region from the histogram itself
        this.nanos.setStartTimeStamp(start.toEpochMilli());
        this.nanos.setEndTimeStamp(end.toEpochMilli());
      }
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

  /**
   * When the timed region started, if known: set by the probe ({@link Builder#timedRegion}, or the
   * timestamps of its histograms), else by the sandbox that ran it.
   */
  public Optional<Instant> startTime() {
    return Optional.ofNullable(start);
  }

  /** When the timed region ended, if known; see {@link #startTime()}. */
  public Optional<Instant> endTime() {
    return Optional.ofNullable(end);
  }

  /**
   * This measurement if it knows its timed region, else a copy timed from {@code start} to {@code
   * end}, its histogram stamped with them. A sandbox calls it with the times around the probe's
   * run, so every reported histogram has a real start and end.
   *
   * @throws IllegalArgumentException if {@code end} is before {@code start}
   */
  public Measurement withTimedRegionIfAbsent(Instant start, Instant end) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (this.start != null) {
      return this;
    }
    return new Measurement(
        probe, runtime, metric, parameters, nanos, figures, notes, intervals, start, end);
  }

  /**
   * The latency intervals a long probe kept, in order, each stamped with its start and end (their
   * sum is {@link #histogram()}); empty when the probe recorded one distribution. Copies.
   */
  public List<Histogram> intervals() {
    return intervals.stream().map(Histogram::copy).toList();
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
    private List<Histogram> intervals = List.of();
    private Instant start;
    private Instant end;

    private Builder(String probe, String runtime, Map<String, String> parameters) {
      this.probe = Objects.requireNonNull(probe, "probe");
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      this.parameters = new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters"));
    }

    /**
     * The latency distribution, in nanoseconds, and what one value is.
     *
     * @throws IllegalArgumentException if it holds a value beyond {@link #HIGHEST_TRACKABLE_NANOS}
     */
    public Builder latency(String metric, Histogram nanos) {
      this.metric = Objects.requireNonNull(metric, "metric");
      requireInRange(
          Objects.requireNonNull(nanos, "nanos"), "the histogram of " + probe + " on " + runtime);
      this.nanos = nanos;
      this.intervals = List.of();
      return this;
    }

    /**
     * The latencies {@code recorder} took, in its intervals, and what one value is: the histogram
     * is their sum, the histogram log gets one line per interval. Cuts the recorder's current
     * interval.
     */
    public Builder latency(String metric, LatencyRecorder recorder) {
      return latencyIntervals(metric, Objects.requireNonNull(recorder, "recorder").intervals());
    }

    /**
     * Latencies kept as intervals, e.g. from HdrHistogram's {@code Recorder.getIntervalHistogram()}
     * (which stamps each with its start and end): the histogram is their sum, the histogram log
     * gets one line per interval.
     *
     * @param intervals in order, at least one, each with its start and end timestamps; copied
     * @throws IllegalArgumentException if there are none, one has no timestamps or one holds a
     *     value beyond {@link #HIGHEST_TRACKABLE_NANOS}
     */
    public Builder latencyIntervals(String metric, List<Histogram> intervals) {
      Objects.requireNonNull(metric, "metric");
      if (intervals.isEmpty()) {
        throw new IllegalArgumentException(
            "the latency intervals of " + probe + " on " + runtime + " must not be empty");
      }
      Histogram sum = newNanosHistogram();
      for (int i = 0; i < intervals.size(); i++) {
        Histogram interval = Objects.requireNonNull(intervals.get(i), "interval");
        if (!isStamped(interval)) {
          throw new IllegalArgumentException(
              String.format(
                  "interval %d of %s on %s has no start and end timestamps; take intervals from"
                      + " a LatencyRecorder or Recorder.getIntervalHistogram(), or call"
                      + " setStartTimeStamp/setEndTimeStamp (milliseconds since the epoch)",
                  i + 1, probe, runtime));
        }
        requireInRange(interval, "interval " + (i + 1) + " of " + probe + " on " + runtime);
        sum.add(interval);
      }
      this.metric = metric;
      this.nanos = sum;
      this.intervals = intervals.stream().map(Histogram::copy).toList();
      return this;
    }

    /**
     * When the timed region started and ended. Without it the region is read from the histograms'
     * timestamps, if they have them, else the sandbox stamps the time around the probe's run.
     */
    public Builder timedRegion(Instant start, Instant end) {
      this.start = Objects.requireNonNull(start, "start");
      this.end = Objects.requireNonNull(end, "end");
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
      Instant from = start;
      Instant to = end;
      if (from == null && nanos != null && isStamped(nanos)) {
        from = Instant.ofEpochMilli(nanos.getStartTimeStamp());
        to = Instant.ofEpochMilli(nanos.getEndTimeStamp());
      }
      return new Measurement(
          probe, runtime, metric, parameters, nanos, figures, notes, intervals, from, to);
    }
  }

  /**
   * Checks that {@code histogram} holds no value beyond an hour. A histogram made for a wider range
   * can hold one, and then fails far from here: adding it to a measurement's own histogram throws
   * an IndexOutOfBoundsException. Values are compared at the histogram's precision: a value of
   * exactly one hour reads back as the top of its bucket.
   */
  private static void requireInRange(Histogram histogram, String what) {
    if (histogram.getTotalCount() == 0) {
      return;
    }
    if (histogram.lowestEquivalentValue(histogram.getMaxValue()) > HIGHEST_TRACKABLE_NANOS) {
      throw new IllegalArgumentException(
          String.format(
              "%s holds latencies up to %d ns (at its precision), but a measurement holds"
                  + " latencies from 0 to %d ns (one hour); record nanoseconds into"
                  + " Measurement.newNanosHistogram() or a LatencyRecorder, which refuse such"
                  + " values where they are recorded",
              what, histogram.getMaxValue(), HIGHEST_TRACKABLE_NANOS));
    }
  }

  /** Whether {@code histogram} says when it was recorded (HdrHistogram leaves MAX_VALUE and 0). */
  private static boolean isStamped(Histogram histogram) {
    return histogram.getStartTimeStamp() != Long.MAX_VALUE
        && histogram.getEndTimeStamp() != 0
        && histogram.getEndTimeStamp() >= histogram.getStartTimeStamp();
  }
}
