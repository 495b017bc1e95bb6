package dev.junitsandbox.compare;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;

/**
 * A comparison about to run, made by {@link dev.junitsandbox.Sandbox#compare}: side A is the
 * sandbox's runtime, side B the one named by the {@code with} call that runs it.
 *
 * <pre>{@code
 * assertThat(sandbox.compare(GETPID).trials(10).withHost()).ratio(P50).isBelow(2.0);
 * }</pre>
 *
 * <p>Running it starts {@code 2 * trials} fresh sandboxes one after another, in the balanced order
 * of {@link Comparison#balancedOrder}: for a container runtime a new container of the probe image
 * under it, for the host a new host probe context (its own process tree and scratch directory).
 * Each runs the probe once; its measurement is written to the report at once, as {@link
 * dev.junitsandbox.Sandbox#measure} does, and the comparison is written when all trials are done.
 * The sandbox of the test itself is not used, so neither side runs in a container that ran anything
 * before.
 */
public interface ComparisonPlan {

  /**
   * Sets the number of trials per side; the default is {@code junit.sandbox.comparisons.trials} (10
   * unless configured).
   *
   * @param trialsPerSide at least {@link ComparisonRule#minimumTrialsPerSide()} (6 at the default
   *     alpha of 0.01): with fewer, no difference could ever be significant when values tie
   * @return this plan
   * @throws IllegalArgumentException if {@code trialsPerSide} is below that minimum
   */
  ComparisonPlan trials(int trialsPerSide);

  /**
   * Runs the comparison with {@code reference} as side B.
   *
   * @return the comparison, never null
   * @throws org.opentest4j.TestAbortedException if the reference runtime is not available here or
   *     the probe does not run on a side (as a skipped invocation would be), unless {@code
   *     junit.sandbox.runtimes.required} is set, which makes an unavailable runtime a failure
   * @throws dev.junitsandbox.probe.ProbeException if a trial's probe fails
   */
  Comparison with(ContainerRuntime reference);

  /** Runs the comparison with {@code reference} as side B; see {@link #with(ContainerRuntime)}. */
  Comparison with(RuntimeUnderTest reference);

  /** Runs the comparison with the host baseline as side B; see {@link #with(ContainerRuntime)}. */
  Comparison withHost();
}
