package dev.junitsandbox.assertj;

import dev.junitsandbox.measure.Measurement;

/**
 * Entry point of junit-sandbox's AssertJ assertions.
 *
 * <pre>{@code
 * assertThat(sandbox.measure(GETPID)).p50().isWithinFactorOf(2.0, sandbox.host(GETPID));
 * }</pre>
 */
public final class SandboxAssertions {

  private SandboxAssertions() {}

  /** Starts an assertion on a measurement. */
  public static MeasurementAssert assertThat(Measurement actual) {
    return new MeasurementAssert(actual);
  }
}
