package dev.junitsandbox.report;

import dev.junitsandbox.gate.GateVerdict;
import java.util.List;
import java.util.Objects;

/**
 * The gate's verdict on one figure of one test on one runtime against the stored baseline: the
 * trials of both runs (one per round), their medians, the ratio this run/baseline with its interval
 * and p-value, and the verdict under the gate's rule.
 *
 * @param uniqueId the unique id of the invocation the verdict acted on (the last round's)
 * @param test the test, e.g. {@code "GetpidTest.getpid()"}
 * @param runtime the runtime's id
 * @param probe the probe's name
 * @param figure the headline figure's name, e.g. {@code "p50"}
 * @param unit the unit of the medians, e.g. {@code "ns"}
 * @param mode {@code "direct"} (the figure's values compared) or {@code "relative to host"} (each
 *     round's value divided by the host's of the same round, so drift of the machine cancels); null
 *     where no statistics were computed
 * @param verdict the verdict
 * @param baselineMedian the baseline's median of the figure (not of the ratio), or null
 * @param currentMedian this run's median of the figure, or null
 * @param ratio this run/baseline of the compared medians (of ratios to the host in that mode), or
 *     null where no statistics were computed
 * @param low the interval's lower bound, or null
 * @param high the interval's upper bound, or null where unbounded or not computed
 * @param p the two-sided Mann-Whitney U p-value, or null
 * @param baselineTrials the baseline's trials (rounds)
 * @param currentTrials this run's trials (rounds)
 * @param baselineValues the baseline's values of the figure itself (not of the ratio to the host),
 *     one per round in round (= run) order, so a reader can see the trials behind the medians;
 *     copied; empty where the baseline had none
 * @param currentValues this run's values of the figure itself, one per round in round order; copied
 * @param tolerance the figure's tolerance under the rule
 * @param alpha the rule's significance level
 * @param changes what differs between the baseline's environment and this run's (kernel, Docker,
 *     the runtime's version, binary and arguments), for people; copied
 * @param message the verdict for people, as the test's failure or abort message says it
 */
public record BaselineGateFigure(
    String uniqueId,
    String test,
    String runtime,
    String probe,
    String figure,
    String unit,
    String mode,
    GateVerdict verdict,
    Double baselineMedian,
    Double currentMedian,
    Double ratio,
    Double low,
    Double high,
    Double p,
    int baselineTrials,
    int currentTrials,
    List<Double> baselineValues,
    List<Double> currentValues,
    double tolerance,
    double alpha,
    List<String> changes,
    String message) {

  /** The mode of a comparison of the figures themselves. */
  public static final String DIRECT = "direct";

  /** The mode of a comparison of each round's ratio to the host's value of the same round. */
  public static final String RELATIVE_TO_HOST = "relative to host";

  public BaselineGateFigure {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(figure, "figure");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
    unit = unit == null ? "" : unit;
    changes = changes == null ? List.of() : List.copyOf(changes);
    baselineValues = baselineValues == null ? List.of() : List.copyOf(baselineValues);
    currentValues = currentValues == null ? List.of() : List.copyOf(currentValues);
    if (mode != null && !mode.equals(DIRECT) && !mode.equals(RELATIVE_TO_HOST)) {
      throw new IllegalArgumentException(
          "a gate's mode is '"
              + DIRECT
              + "' or '"
              + RELATIVE_TO_HOST
              + "', but was '"
              + mode
              + "'");
    }
    if (baselineTrials < 0 || currentTrials < 0) {
      throw new IllegalArgumentException(
          String.format(
              "%s on %s: trial counts are 0 or more, but were %d (baseline) and %d (this run)",
              figure, runtime, baselineTrials, currentTrials));
    }
  }
}
