package dev.junitsandbox.gate;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.internal.ComparisonOrigins;
import dev.junitsandbox.internal.ComparisonOrigins.Origin;
import java.util.Objects;
import java.util.Optional;

/**
 * The side-by-side gate: judges a {@link Comparison} of a candidate runtime (side A, the sandbox's)
 * with a reference (side B) figure by figure under a {@link GateRule}, after Firecracker's A/B
 * tests ({@code tools/ab_test.py}: the same host, interleaved runs, p &lt; 0.01 and a relative
 * change over 5%) and Go's benchstat (medians, intervals, {@code ~} for "cannot tell").
 *
 * <pre>{@code
 * Comparison upgrade = sandbox.compare(GETPID).trials(8).with(RuntimeUnderTest.docker("runsc-20221219"));
 * GateResult gate = Gate.judge(upgrade);   // or assertThat(upgrade).hasNoRegression()
 * System.out.println(gate.table());
 * }</pre>
 *
 * <p>When the comparison was taken by a {@code Sandbox} of this run, judging it also records the
 * verdicts in the run's report (the comparison's {@code gate} in {@code results.json}, and the
 * console's comparisons block); the last judgement of a comparison is the one recorded.
 */
public final class Gate {

  private Gate() {}

  /**
   * Judges {@code comparison} under the rule its run configured ({@code junit.sandbox.gate.alpha},
   * {@code .tolerance}, {@code .tolerance.<figure>}, {@code .strict}), or {@link
   * GateRule#defaults()} for a comparison not taken by a {@code Sandbox} of this run.
   *
   * @param comparison side A the candidate, side B the reference
   * @return the verdicts, never null
   */
  public static GateResult judge(Comparison comparison) {
    Objects.requireNonNull(comparison, "comparison");
    return judge(comparison, configuredRule(comparison));
  }

  /**
   * Judges {@code comparison} under {@code rule}. Where the rule's alpha differs from the
   * comparison's, the intervals are recomputed at the rule's confidence from the same trials.
   *
   * @param comparison side A the candidate, side B the reference
   * @param rule how to decide
   * @return the verdicts, never null
   */
  public static GateResult judge(Comparison comparison, GateRule rule) {
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(rule, "rule");
    // the interval must be at the gate's confidence: it excludes 1 exactly when p < alpha
    ComparisonRule atAlpha =
        new ComparisonRule(rule.alpha(), comparison.rule().tolerance(), rule.strict());
    Optional<Origin> origin = ComparisonOrigins.of(comparison);
    GateResult result =
        new GateResult(
            comparison.probe(),
            comparison.a(),
            comparison.b(),
            origin.map(o -> o.candidate().get()).orElse(null),
            origin.map(o -> o.reference().get()).orElse(null),
            rule,
            comparison.figures().stream()
                .map((FigureComparison figure) -> GateFigure.of(figure.under(atAlpha), rule))
                .toList(),
            comparison.notes());
    origin.ifPresent(o -> o.record().accept(comparison, result));
    return result;
  }

  /**
   * The rule {@link #judge(Comparison)} uses for {@code comparison}: its run's configured rule, or
   * {@link GateRule#defaults()}.
   */
  public static GateRule configuredRule(Comparison comparison) {
    Objects.requireNonNull(comparison, "comparison");
    return ComparisonOrigins.of(comparison).map(Origin::rule).orElseGet(GateRule::defaults);
  }
}
