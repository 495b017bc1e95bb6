package dev.junitsandbox.internal.gate;

import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.probe.builtin.StartupProbe;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.Environment;
import dev.junitsandbox.report.InvocationResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The stored-baseline gate of one run: the baseline, read once, and the rounds this run has
 * measured so far. Each invocation that ends hands its measurements in ({@link #finished}); the
 * last round of a test on a runtime is gated there, so that a regression fails that invocation.
 * Thread-safe: invocations of different tests may end at the same time.
 */
public final class GateRun {

  /**
   * The tolerance of a container launch ({@link StartupProbe#LAUNCH_TO_READY}, {@link
   * StartupProbe#LAUNCH_TO_NETWORK}) against a stored baseline, unless its own key sets one: a
   * launch goes through the daemon, containerd and the runtime, whose state moves between runs
   * minutes apart, and the gate bench's A/A runs (docs/gate.md, "How the gate was tested") found a
   * significant change of 8% there with nothing changed, and none beyond 15%. Side by side, where
   * both sides' trials interleave, the default applies.
   */
  public static final double LAUNCH_TOLERANCE = 0.15;

  /**
   * The tolerance of the disk, file and network probes' figures against a stored baseline, unless a
   * figure's own key sets one: in the gate bench's A/A runs of those figures (docs/gate.md, "How
   * the gate was tested"), runs minutes apart at similar loads moved them by up to 24% with nothing
   * changed (page cache, disk and network state that a run does not reset), significantly so in 4
   * of 60 verdicts, at 18% to 23%. Side by side, where both sides' trials interleave, the default
   * applies.
   */
  public static final double IO_TOLERANCE = 0.30;

  /**
   * The tolerance of the HTTP probe's figures against a stored baseline, unless a figure's own key
   * sets one: in the same A/A runs the host's requests per second under wrk moved by up to 58%
   * between runs (nginx and wrk share the machine's cores with whatever else runs), significantly
   * so once, by 48%.
   */
  public static final double HTTP_TOLERANCE = 0.50;

  // the built-in probes whose figures drift between runs, by their names' prefixes
  private static final Map<String, Double> DRIFTING_PROBES =
      Map.of(
          "disk.", IO_TOLERANCE,
          "fileio.", IO_TOLERANCE,
          "network.", IO_TOLERANCE,
          "http.", HTTP_TOLERANCE);

  private final BaselineFile baseline;
  private final GateRule rule;
  private final GateRule configured;
  private final Map<RoundEntry.Key, List<RoundEntry>> baselineSeries = new LinkedHashMap<>();
  private final Map<RoundEntry.Key, List<RoundEntry>> current = new LinkedHashMap<>();

  /**
   * @param file the baseline ({@code junit.sandbox.gate.baseline})
   * @param rule how to decide
   */
  public GateRun(Path file, GateRule rule) {
    this.baseline = BaselineFile.read(file);
    this.configured = Objects.requireNonNull(rule, "rule");
    this.rule = withLaunchTolerance(rule);
    baseline
        .usable()
        .ifPresent(
            run ->
                run.invocations().stream()
                    .flatMap(i -> RoundEntry.of(i).stream())
                    .forEach(
                        e ->
                            baselineSeries
                                .computeIfAbsent(e.key(), k -> new ArrayList<>())
                                .add(e)));
  }

  // package-private for its tests
  static GateRule withLaunchTolerance(GateRule rule) {
    Map<String, Double> tolerances = new TreeMap<>(rule.tolerances());
    // both end points: the launch's way through the daemon is the same, and so is its noise
    for (String launch : List.of(StartupProbe.LAUNCH_TO_READY, StartupProbe.LAUNCH_TO_NETWORK)) {
      tolerances.putIfAbsent(launch, Math.max(rule.tolerance(), LAUNCH_TOLERANCE));
    }
    return tolerances.equals(rule.tolerances())
        ? rule
        : new GateRule(rule.alpha(), rule.tolerance(), tolerances, rule.strict());
  }

  /**
   * The rule for a series of {@code probe}'s {@code figure}: {@code rule}, with the figure held to
   * at least {@link #IO_TOLERANCE} for the disk, file and network probes and {@link
   * #HTTP_TOLERANCE} for the HTTP probe, unless {@code configured} (the run's rule as configured)
   * gives the figure its own tolerance.
   */
  // package-private for its tests
  static GateRule forProbe(GateRule rule, GateRule configured, String probe, String figure) {
    Double drift =
        DRIFTING_PROBES.entrySet().stream()
            .filter(e -> probe.startsWith(e.getKey()))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElse(null);
    if (drift == null || configured.tolerances().containsKey(figure)) {
      return rule;
    }
    Map<String, Double> tolerances = new TreeMap<>(rule.tolerances());
    tolerances.put(figure, Math.max(rule.tolerance(), drift));
    return new GateRule(rule.alpha(), rule.tolerance(), tolerances, rule.strict());
  }

  /**
   * Whether two runs measured on the same machine by the gate's rule (CPU model, CPUs, memory
   * within 2%): only then do their absolute figures say anything about each other. False where
   * either recorded no machine.
   */
  public static boolean sameMachine(Environment one, Environment other) {
    return one != null && other != null && GateEvaluation.machineDifference(one, other) == null;
  }

  /** The baseline as read. */
  public BaselineFile baseline() {
    return baseline;
  }

  /**
   * Records what {@code invocation} measured and, if it was the last round of its matrix, gates
   * every series of its test on its runtime.
   *
   * @param environment this run's machine
   * @return the report of this invocation's gate (empty figures where it gated nothing); null if it
   *     was not a last round or measured nothing
   */
  public synchronized BaselineGate finished(InvocationResult invocation, Environment environment) {
    List<RoundEntry> entries = RoundEntry.of(invocation);
    if (entries.isEmpty()) {
      return null;
    }
    Set<RoundEntry.Key> keys = new LinkedHashSet<>();
    for (RoundEntry entry : entries) {
      List<RoundEntry> series = current.computeIfAbsent(entry.key(), k -> new ArrayList<>());
      if (series.stream().noneMatch(e -> e.round() == entry.round())) {
        series.add(entry);
      }
      keys.add(entry.key());
    }
    if (invocation.round() != invocation.rounds()) {
      return null;
    }
    if (baseline.problem() != null) {
      return report(List.of());
    }
    List<BaselineGateFigure> figures = new ArrayList<>();
    for (RoundEntry.Key key : keys) {
      List<RoundEntry> series = current.get(key);
      RoundEntry last = series.get(series.size() - 1);
      boolean onHost = key.runtime().equals("host");
      figures.add(
          GateEvaluation.evaluate(
              invocation.uniqueId(),
              series,
              onHost ? new TreeMap<>() : RoundEntry.values(current.get(last.keyOn("host"))),
              baselineSeries.getOrDefault(key, List.of()),
              onHost ? new TreeMap<>() : RoundEntry.values(baselineSeries.get(last.keyOn("host"))),
              baseline,
              environment,
              forProbe(rule, configured, last.probe(), last.figure())));
    }
    return report(figures);
  }

  private BaselineGate report(List<BaselineGateFigure> figures) {
    return new BaselineGate(
        baseline.file().toString(),
        baseline.usable().map(r -> r.started()).orElse(null),
        baseline.usable().map(r -> r.runIds()).orElse(List.of()),
        baseline.problem(),
        figures);
  }

  /**
   * What the invocation's gate does to it: throws {@link AssertionFailedError} for a broken
   * baseline or a regression (all regressions in one message), {@link TestAbortedException} for an
   * inconclusive verdict (or {@link AssertionFailedError} under a strict rule); returns otherwise.
   */
  public void act(BaselineGate report) {
    if (report.problem() != null) {
      throw new AssertionFailedError(report.problem());
    }
    List<String> regressions = messages(report, GateVerdict.REGRESSION);
    if (!regressions.isEmpty()) {
      throw new AssertionFailedError(String.join(System.lineSeparator(), regressions));
    }
    List<String> inconclusive = messages(report, GateVerdict.INCONCLUSIVE);
    if (!inconclusive.isEmpty()) {
      String message = String.join(System.lineSeparator(), inconclusive);
      if (rule.strict()) {
        throw new AssertionFailedError(
            message + " (failed, not aborted: junit.sandbox.gate.strict=true)");
      }
      throw new TestAbortedException(message);
    }
  }

  private static List<String> messages(BaselineGate report, GateVerdict verdict) {
    return report.figures().stream()
        .filter(f -> f.verdict() == verdict)
        .map(BaselineGateFigure::message)
        .toList();
  }
}
