/**
 * Gating on runtime regressions: per figure, is the candidate (a new runtime build, or this run)
 * worse than the reference (the old build run side by side, or a stored baseline), better, the
 * same, or can the trials not tell? A {@link dev.junitsandbox.gate.GateRule} turns the statistics
 * of a comparison (ratio of medians, its interval, the Mann-Whitney p) into a {@link
 * dev.junitsandbox.gate.GateVerdict}; only {@link dev.junitsandbox.gate.GateVerdict#REGRESSION}
 * fails a build.
 *
 * <p>Side by side: {@link dev.junitsandbox.gate.Gate#judge} judges a comparison of a candidate
 * runtime (side A, the sandbox's) with a reference (side B) taken in the same run, giving a {@link
 * dev.junitsandbox.gate.GateResult} with a {@link dev.junitsandbox.gate.GateFigure} per figure and
 * what changed between the two runtimes; {@code assertThat(comparison).hasNoRegression()} asserts
 * on it. The verdicts are recorded in the run's report.
 *
 * <p>After Firecracker's A/B tests ({@code tools/ab_test.py}): a regression needs both a
 * significant difference and a change beyond a relative tolerance, so that neither a significant 1%
 * change nor a large but noisy one fails a pipeline; and after Google's Pinpoint and Go's
 * benchstat, "cannot tell" is an answer of its own rather than a pass.
 */
package dev.junitsandbox.gate;
