package dev.junitsandbox.internal.gate;

import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.LatencyResult;
import dev.junitsandbox.report.MeasurementResult;
import dev.junitsandbox.report.RuntimeDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One round's headline value of one measurement, keyed as the gate matches a run with its baseline:
 * the test without its invocation ({@link #template}), the runtime, the probe, which of that
 * probe's measurements in the invocation it is, and the headline's name. The probe's parameters are
 * not part of the key: a changed parameter is listed as a change, as a changed runtime version is.
 *
 * @param template the test's unique id without the invocation's segment
 * @param test the test for people, e.g. {@code "GetpidTest.getpid()"}
 * @param runtime the runtime's id
 * @param description the runtime as the daemon registered it in that run
 * @param probe the probe's name
 * @param occurrence how many measurements of the same probe came before it in its invocation
 * @param figure the headline's name
 * @param unit the unit of the value ({@code "ns"} for a median latency)
 * @param better which direction is an improvement
 * @param round the matrix round, from 1
 * @param value the headline's value
 * @param load the machine's 1-minute load average when the measurement was recorded, or null where
 *     unknown ({@link MeasurementResult#loadAverage()})
 * @param parameters the probe's parameters
 */
record RoundEntry(
    String template,
    String test,
    String runtime,
    RuntimeDescription description,
    String probe,
    int occurrence,
    String figure,
    String unit,
    Figure.Better better,
    int round,
    double value,
    Double load,
    Map<String, String> parameters) {

  /** What identifies a series of rounds across runs. */
  record Key(String template, String runtime, String probe, int occurrence, String figure) {}

  Key key() {
    return new Key(template, runtime, probe, occurrence, figure);
  }

  /** The same key on another runtime (the host's, for ratios). */
  Key keyOn(String otherRuntime) {
    return new Key(template, otherRuntime, probe, occurrence, figure);
  }

  /** The values of {@code series} by round (the first entry of a round); empty for null. */
  static TreeMap<Integer, Double> values(List<RoundEntry> series) {
    TreeMap<Integer, Double> values = new TreeMap<>();
    if (series != null) {
      series.forEach(e -> values.putIfAbsent(e.round(), e.value()));
    }
    return values;
  }

  /** The entries of an invocation's measurements, in order. */
  static List<RoundEntry> of(InvocationResult invocation) {
    List<RoundEntry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String template = template(invocation.uniqueId());
    String simpleName =
        invocation.testClass().substring(invocation.testClass().lastIndexOf('.') + 1);
    String test =
        simpleName + (invocation.testMethod() == null ? "" : "." + invocation.testMethod() + "()");
    for (MeasurementResult m : invocation.measurements()) {
      String runtime = invocation.runtime().id();
      // a measurement on the host from another runtime's invocation (sandbox.host) is its own
      // series
      String probe = m.runtime().equals(runtime) ? m.probe() : m.probe() + " on " + m.runtime();
      int occurrence = seen.merge(probe, 1, Integer::sum) - 1;
      String name = m.headline().name();
      // as the trial series: a median latency in ns where the probe measured no figure
      String unit =
          m.figures().isEmpty() && m.latency() != null
              ? LatencyResult.NANOSECONDS
              : m.findFigure(name).map(FigureResult::unit).orElse("");
      entries.add(
          new RoundEntry(
              template,
              test,
              runtime,
              invocation.runtime(),
              probe,
              occurrence,
              name,
              unit,
              m.headline().better(),
              invocation.round(),
              m.headline().value(),
              m.loadAverage(),
              m.parameters()));
    }
    return entries;
  }

  /**
   * {@code uniqueId} without its last segment when that is an invocation of a template (a round and
   * runtime of a {@code @Runtimes} method): the same for every round, in every run.
   */
  static String template(String uniqueId) {
    int last = uniqueId.lastIndexOf("/[");
    if (last > 0 && uniqueId.startsWith("/[test-template-invocation:", last)) {
      return uniqueId.substring(0, last);
    }
    return uniqueId;
  }
}
