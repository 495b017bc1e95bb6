package dev.junitsandbox.assertj;

import static dev.junitsandbox.assertj.ShouldHaveNoRegression.shouldHaveNoRegression;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.gate.Gate;
import dev.junitsandbox.gate.GateResult;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.measure.Statistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractObjectAssert;
import org.opentest4j.TestAbortedException;

/**
 * Assertions on a {@link Comparison}: navigate to the ratio A/B of one figure with {@link
 * #ratio(Statistic)} or {@link #ratio(String)} and check it against a bound, or gate side A (the
 * candidate) against side B (the reference) with {@link #hasNoRegression()}. Navigation keeps this
 * assertion's description ({@code as(...)}), overriding error message and representation.
 *
 * <pre>{@code
 * assertThat(sandbox.compare(GETPID).withHost()).as("runc getpid").ratio(P50).isBelow(2.0);
 * assertThat(sandbox.compare(GETPID).trials(8).with(oldGvisor)).hasNoRegression();
 * }</pre>
 */
public class ComparisonAssert extends AbstractObjectAssert<ComparisonAssert, Comparison> {

  // null: the rule the comparison's run configured (junit.sandbox.gate.*), else the defaults
  private GateRule gateRule;

  /**
   * @param actual the comparison under test; may be null (every check then fails)
   */
  public ComparisonAssert(Comparison actual) {
    super(actual, ComparisonAssert.class);
  }

  /**
   * Makes {@link #hasNoRegression()} decide by {@code rule} instead of the rule the run configured
   * ({@code junit.sandbox.gate.*}).
   *
   * @param rule e.g. {@code new GateRule(0.01, 0.05, Map.of("p99", 0.10), false)}
   * @return this assertion object
   * @throws IllegalArgumentException if {@code rule} is null
   */
  @CheckReturnValue
  public ComparisonAssert usingGateRule(GateRule rule) {
    if (rule == null) {
      throw new IllegalArgumentException(
          "The gate rule must not be null; pass e.g. GateRule.defaults()");
    }
    this.gateRule = rule;
    return myself;
  }

  /**
   * Verifies that side A (the candidate, e.g. a new gVisor build) has regressed in no compared
   * figure against side B (the reference), by the gate ({@link Gate#judge}): a figure regresses
   * when its Mann-Whitney p is below alpha, its interval lies entirely on its worse side of 1 and
   * the change is beyond its tolerance. The verdicts are recorded in the run's report.
   *
   * <ul>
   *   <li>passes when every figure has no change or improved;
   *   <li>fails when any figure regressed, with from -> to, the change in percent, the interval, p,
   *       the trials, the threshold and what changed between the runtimes;
   *   <li>when none regressed but the trials cannot tell for some, aborts the test ({@link
   *       TestAbortedException}, shown as skipped), or fails under a strict rule ({@code
   *       junit.sandbox.gate.strict=true}).
   * </ul>
   *
   * @return this assertion object
   * @throws TestAbortedException if some figure is inconclusive, none regressed and the rule is not
   *     strict
   */
  public ComparisonAssert hasNoRegression() {
    isNotNull();
    return gate(Gate.judge(actual, rule()));
  }

  /**
   * Verifies, as {@link #hasNoRegression()}, that side A has regressed in none of the named figures
   * against side B; the other figures are judged and recorded but not asserted.
   *
   * @param figure a compared figure's name, e.g. {@code "p50"}
   * @param more more of them
   * @return this assertion object
   * @throws IllegalArgumentException if a name is not a compared figure (naming those that are)
   * @throws TestAbortedException if some named figure is inconclusive, none regressed and the rule
   *     is not strict
   */
  public ComparisonAssert hasNoRegression(String figure, String... more) {
    isNotNull();
    List<String> names = new ArrayList<>();
    names.add(figure);
    names.addAll(Arrays.asList(more));
    // an unknown name is the test's mistake: say so before anything is judged or recorded
    names.forEach(actual::figure);
    return gate(Gate.judge(actual, rule()).only(names));
  }

  private GateRule rule() {
    return gateRule != null ? gateRule : Gate.configuredRule(actual);
  }

  private ComparisonAssert gate(GateResult gate) {
    if (!gate.figures(GateVerdict.REGRESSION).isEmpty()) {
      throw assertionError(shouldHaveNoRegression(actual, gate, false));
    }
    if (gate.verdict() != GateVerdict.INCONCLUSIVE) {
      return myself;
    }
    if (gate.rule().strict()) {
      throw assertionError(shouldHaveNoRegression(actual, gate, true));
    }
    // as RatioAssert's abort: the text an AssertJ failure would carry, without the leading line
    // break, since skip summaries show an abort's first line
    String text =
        info.overridingErrorMessage() != null
            ? info.overridingErrorMessage()
            : shouldHaveNoRegression(actual, gate, true)
                .create(info.description(), info.representation());
    throw new TestAbortedException(text.strip());
  }

  /**
   * The ratio A/B of a latency statistic's trial medians; the comparison keeps {@link
   * Statistic#P50}, {@link Statistic#P99} and {@link Statistic#MEAN} of each trial.
   *
   * @param statistic e.g. {@link Statistic#P50}
   * @return an assertion on the ratio, with this one's description, message and representation
   * @throws IllegalArgumentException if {@code statistic} is null or was not compared (naming what
   *     was)
   * @throws AssertionError if the comparison is null
   */
  @CheckReturnValue
  public RatioAssert ratio(Statistic statistic) {
    if (statistic == null) {
      throw new IllegalArgumentException("The statistic must not be null; pass e.g. Statistic.P50");
    }
    return ratio(statistic.label());
  }

  /**
   * The ratio A/B of the trial medians of the figure called {@code name}: a latency statistic's
   * label ({@code "p50"}) or one of the probe's named figures ({@code "requestsPerSecond"}).
   *
   * @param name the figure's name
   * @return an assertion on the ratio, with this one's description, message and representation
   * @throws IllegalArgumentException if the comparison has no such figure (naming what it has)
   * @throws AssertionError if the comparison is null
   */
  @CheckReturnValue
  public RatioAssert ratio(String name) {
    isNotNull();
    FigureComparison figure = actual.figure(name);
    // AssertJ navigates with withAssertionState(myself), which is package-private in 3.27;
    // extracting(...) calls exactly that on the assertion the factory makes (see
    // AbstractMeasurementAssert)
    return extracting(Function.identity(), comparison -> new RatioAssert(comparison, figure));
  }
}
