package dev.junitsandbox.assertj;

import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.measure.Measurement;
import org.assertj.core.annotation.CheckReturnValue;

/**
 * Entry point of junit-sandbox's AssertJ assertions. Its {@code assertThat} sits beside AssertJ's
 * own under a static import of both.
 *
 * <pre>{@code
 * assertThat(sandbox.measure(GETPID)).p50().isWithinFactorOf(2.0, sandbox.host(GETPID));
 * assertThat(sandbox.measure(HTTP)).figure("requestsPerSecond").isAtLeastFractionOf(0.25, host);
 * assertThat(sandbox.compare(GETPID).withHost()).ratio(P50).isBelow(2.0);
 * }</pre>
 */
public final class SandboxAssertions {

  private SandboxAssertions() {}

  /**
   * Starts an assertion on a measurement.
   *
   * @param actual the measurement under test; may be null (every check then fails)
   * @return a new assertion on {@code actual}
   */
  @CheckReturnValue
  public static MeasurementAssert assertThat(Measurement actual) {
    return new MeasurementAssert(actual);
  }

  /**
   * Starts an assertion on a comparison of two runtimes ({@link dev.junitsandbox.Sandbox#compare}).
   *
   * @param actual the comparison under test; may be null (every check then fails)
   * @return a new assertion on {@code actual}
   */
  @CheckReturnValue
  public static ComparisonAssert assertThat(Comparison actual) {
    return new ComparisonAssert(actual);
  }
}
