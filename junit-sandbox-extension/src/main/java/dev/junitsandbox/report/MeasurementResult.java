package dev.junitsandbox.report;

import dev.junitsandbox.internal.TimedRegion;
import dev.junitsandbox.measure.Measurement;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * One {@link Measurement} as reported: what was measured where, its latency distribution and
 * figures with their ratios to the host, notes, the timed region, and the group it is charted in.
 *
 * @param probe the probe's name, e.g. {@code "syscall.getpid"}
 * @param runtime the id of the runtime it ran on ({@code "host"} for {@code sandbox.host(...)})
 * @param parameters the probe's parameters, in the probe's order; copied
 * @param start when the timed region started, or {@code null} if nobody said
 * @param end when it ended, or {@code null} if nobody said
 * @param loadAverage the machine's 1-minute load average ({@code /proc/loadavg}) when the
 *     measurement was recorded, just after it ended: how busy the machine was over about the last
 *     minute, which a gate against a stored baseline compares between the runs; {@code null} where
 *     unknown (no {@code /proc/loadavg}, files written before 2026-11-26)
 * @param latency the latency distribution, or {@code null} when the probe measured figures only
 * @param figures the named figures, in the probe's order; copied
 * @param notes what a reader must know to read the figures right; copied
 * @param group the label of the chart this measurement is drawn in (test method, probe and the
 *     parameters that differ); {@code null} in {@code invocation.json}
 * @param groupParameters all parameters, for people; {@code null} in {@code invocation.json}
 * @param headline the number that stands for it in summary tables
 */
public record MeasurementResult(
    String probe,
    String runtime,
    Map<String, String> parameters,
    Instant start,
    Instant end,
    Double loadAverage,
    LatencyResult latency,
    List<FigureResult> figures,
    List<String> notes,
    String group,
    String groupParameters,
    Headline headline) {

  public MeasurementResult {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(headline, "headline");
    parameters =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
    figures = figures == null ? List.of() : List.copyOf(figures);
    notes = notes == null ? List.of() : List.copyOf(notes);
    if (latency == null && figures.isEmpty()) {
      throw new IllegalArgumentException(
          "a measurement has a latency distribution or at least one figure, but "
              + probe
              + " on "
              + runtime
              + " has neither");
    }
    TimedRegion.check(probe, runtime, start, end);
  }

  /** The figure called {@code name}, if there is one. */
  public Optional<FigureResult> findFigure(String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /**
   * The measurement again, as the probe returned it (histograms decoded losslessly, stamped with
   * the timed region), for assertions and comparisons against an earlier run.
   */
  public Measurement toMeasurement() {
    Measurement.Builder builder = Measurement.builder(probe, runtime, parameters);
    if (latency != null) {
      if (latency.intervals().isEmpty()) {
        builder.latency(latency.metric(), latency.decodeHistogram());
      } else {
        List<Histogram> intervals =
            latency.intervals().stream().map(LatencyInterval::decodeHistogram).toList();
        builder.latencyIntervals(latency.metric(), intervals);
      }
    }
    figures.forEach(figure -> builder.figure(figure.toFigure()));
    notes.forEach(builder::note);
    if (start != null) {
      builder.timedRegion(start, end);
    }
    return builder.build();
  }

  /** This entry with another latency entry. */
  public MeasurementResult withLatency(LatencyResult latency) {
    return with(latency, figures, group, groupParameters, headline);
  }

  /** This entry with other figures and headline, e.g. with their ratios to the host. */
  public MeasurementResult withFigures(List<FigureResult> figures, Headline headline) {
    return with(latency, figures, group, groupParameters, headline);
  }

  /** This entry, charted in {@code group}. */
  public MeasurementResult withGroup(String group, String groupParameters) {
    return with(latency, figures, group, groupParameters, headline);
  }

  private MeasurementResult with(
      LatencyResult latency,
      List<FigureResult> figures,
      String group,
      String groupParameters,
      Headline headline) {
    return new MeasurementResult(
        probe,
        runtime,
        parameters,
        start,
        end,
        loadAverage,
        latency,
        figures,
        notes,
        group,
        groupParameters,
        headline);
  }
}
