/**
 * Comparisons of two runtimes that hold on a noisy machine: {@link dev.junitsandbox.compare.Trial}s
 * of both sides run interleaved, each in a fresh sandbox, and per figure the ratio of medians with
 * a confidence interval, a Mann-Whitney U p-value and a {@link dev.junitsandbox.compare.Verdict}.
 * Start one with {@link dev.junitsandbox.Sandbox#compare(dev.junitsandbox.probe.Probe)}; assert on
 * it with {@code SandboxAssertions.assertThat(Comparison)}.
 *
 * <p>The unit of evidence is the trial, never the single call or request: millions of samples taken
 * in one container are not independent of each other, while two fresh sandboxes are as independent
 * as this machine allows.
 */
package dev.junitsandbox.compare;
