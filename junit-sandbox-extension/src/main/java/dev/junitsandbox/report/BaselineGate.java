package dev.junitsandbox.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The stored-baseline gate of a run ({@code junit.sandbox.gate.baseline}): which baseline, whether
 * it could be used, and the verdict on every gated figure.
 *
 * @param baseline the baseline file as configured
 * @param baselineStarted when the baseline's run started, or null where the file could not be read
 * @param baselineRunIds the ids of the baseline's run; copied
 * @param problem what is wrong with the baseline file and how to fix it, or null where it was read;
 *     with a problem every gated invocation failed with this message
 * @param figures the verdicts, in the order the gated invocations ended; copied
 */
public record BaselineGate(
    String baseline,
    Instant baselineStarted,
    List<String> baselineRunIds,
    String problem,
    List<BaselineGateFigure> figures) {

  public BaselineGate {
    Objects.requireNonNull(baseline, "baseline");
    baselineRunIds = baselineRunIds == null ? List.of() : List.copyOf(baselineRunIds);
    figures = figures == null ? List.of() : List.copyOf(figures);
  }
}
