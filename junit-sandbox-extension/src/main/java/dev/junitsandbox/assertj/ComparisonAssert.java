package dev.junitsandbox.assertj;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.measure.Statistic;
import java.util.function.Function;
import org.assertj.core.annotation.CheckReturnValue;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a {@link Comparison}: navigate to the ratio A/B of one figure with {@link
 * #ratio(Statistic)} or {@link #ratio(String)} and check it against a bound. Navigation keeps this
 * assertion's description ({@code as(...)}), overriding error message and representation.
 *
 * <pre>{@code
 * assertThat(sandbox.compare(GETPID).withHost()).as("runc getpid").ratio(P50).isBelow(2.0);
 * }</pre>
 */
public class ComparisonAssert extends AbstractObjectAssert<ComparisonAssert, Comparison> {

  /**
   * @param actual the comparison under test; may be null (every check then fails)
   */
  public ComparisonAssert(Comparison actual) {
    super(actual, ComparisonAssert.class);
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
