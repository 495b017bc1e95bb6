package dev.junitsandbox;

import dev.junitsandbox.compare.ComparisonPlan;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;

/**
 * Where one invocation of a {@link Runtimes} test runs its probes: a container started under the
 * invocation's runtime, or the host for {@link ContainerRuntime#HOST}.
 *
 * <p>Declare it as a test method parameter. The extension starts the container before the test
 * method and removes it when the invocation ends, whether the test passed or not. Every measurement
 * is written to the report as soon as it is taken.
 */
public interface Sandbox {

  /** The runtime this sandbox runs on. */
  RuntimeUnderTest runtime();

  /**
   * Runs the probe in this sandbox and returns what it measured.
   *
   * @throws dev.junitsandbox.probe.ProbeException if the probe fails, times out or prints output
   *     that cannot be parsed
   */
  Measurement measure(Probe probe);

  /**
   * Runs the same probe as a plain process on the host, in the same run, for a baseline to compare
   * {@link #measure(Probe)} against. On the {@link ContainerRuntime#HOST} sandbox this is the same
   * as {@code measure}.
   */
  Measurement host(Probe probe);

  /**
   * Plans a comparison of {@code probe} on this sandbox's runtime (side A) with a reference (side
   * B) in interleaved trials, each in a fresh sandbox; it runs when the plan's {@code with} method
   * names the reference. The sandbox itself is not used by the trials.
   *
   * <pre>{@code
   * Comparison getpid = sandbox.compare(GETPID).withHost();
   * }</pre>
   *
   * @return a plan with the configured number of trials per side, never null
   */
  ComparisonPlan compare(Probe probe);
}
