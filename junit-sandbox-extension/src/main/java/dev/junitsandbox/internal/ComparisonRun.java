package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonPlan;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.Side;
import dev.junitsandbox.compare.Trial;
import dev.junitsandbox.internal.RuntimeAvailabilityCheck.RuntimeUnavailableException;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * The {@link ComparisonPlan} of one {@link ReportingSandbox}: runs the trials of both sides in the
 * balanced order, each in a fresh sandbox, through the sandbox's own reporting path, then reports
 * the comparison.
 */
final class ComparisonRun implements ComparisonPlan {

  private final ReportingSandbox sandbox;
  private final Probe probe;
  private final RunResources resources;
  private final ComparisonRule rule;
  private int trialsPerSide;

  ComparisonRun(ReportingSandbox sandbox, Probe probe, RunResources resources) {
    this.sandbox = sandbox;
    this.probe = probe;
    this.resources = resources;
    this.rule = resources.settings().comparisonRule();
    this.trialsPerSide = resources.settings().comparisonTrials();
  }

  @Override
  public ComparisonPlan trials(int trialsPerSide) {
    int minimum = rule.minimumTrialsPerSide();
    if (trialsPerSide < minimum) {
      throw new IllegalArgumentException(
          String.format(
              "trials(%d): a comparison needs at least %d trials per side, since with fewer no"
                  + " difference can be significant at alpha %s; pass trials(%d) or more (the"
                  + " default is %s, %d unless configured)",
              trialsPerSide,
              minimum,
              rule.alpha(),
              minimum,
              SandboxSettings.COMPARISONS_TRIALS,
              SandboxSettings.DEFAULT_COMPARISON_TRIALS));
    }
    this.trialsPerSide = trialsPerSide;
    return this;
  }

  @Override
  public Comparison with(ContainerRuntime reference) {
    Objects.requireNonNull(reference, "reference");
    return with(resources.settings().runtimeUnderTest(reference));
  }

  @Override
  public Comparison withHost() {
    return with(RuntimeUnderTest.host());
  }

  @Override
  public Comparison with(RuntimeUnderTest reference) {
    Objects.requireNonNull(reference, "reference");
    RuntimeUnderTest a = sandbox.runtime();
    requireRunnable(a);
    requireRunnable(reference);
    List<Side> order = Comparison.balancedOrder(trialsPerSide);
    List<Trial> trials = new ArrayList<>();
    Measurement first = null;
    for (int index = 0; index < order.size(); index++) {
      Side side = order.get(index);
      RuntimeUnderTest runtime = side == Side.A ? a : reference;
      Measurement measurement =
          resources.inFreshSandbox(runtime, context -> sandbox.run(probe, context));
      if (first == null) {
        first = measurement;
      }
      trials.add(Trial.of(side, index, measurement));
    }
    Comparison comparison =
        Comparison.of(first.probe(), first.parameters(), a.id(), reference.id(), rule, trials);
    sandbox.report(comparison);
    // the gate is reached with the comparison alone; this is how it finds the run again
    ComparisonOrigins.register(
        comparison,
        new ComparisonOrigins.Origin(
            resources.settings().gateRule(),
            () -> resources.describe(a),
            () -> resources.describe(reference),
            sandbox::reportGate));
    return comparison;
  }

  /** Checks before any trial that both sides can run, as an invocation's runtime is checked. */
  private void requireRunnable(RuntimeUnderTest runtime) {
    Optional<String> unavailable = resources.unavailableReason(runtime);
    if (unavailable.isPresent()) {
      String reason = "Cannot compare with " + runtime + ": " + unavailable.get();
      if (resources.settings().runtimesRequired()) {
        throw new RuntimeUnavailableException(
            reason
                + " (failing instead of skipping because "
                + SandboxSettings.RUNTIMES_REQUIRED
                + "=true)");
      }
      throw new TestAbortedException(reason);
    }
    Optional<String> unsupported = probe.unsupportedReason(runtime);
    if (unsupported.isPresent()) {
      throw new TestAbortedException(
          String.format(
              "Probe %s does not run on %s: %s", probe.name(), runtime, unsupported.get()));
    }
  }

  @Override
  public String toString() {
    return "ComparisonPlan["
        + probe.name()
        + " on "
        + sandbox.runtime()
        + ", "
        + trialsPerSide
        + " trials per side]";
  }
}
