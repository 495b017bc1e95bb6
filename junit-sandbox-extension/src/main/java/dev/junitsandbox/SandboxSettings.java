package dev.junitsandbox;

/**
 * The configuration keys junit-sandbox reads, from {@code junit-platform.properties} or system
 * properties ({@code -Dkey=value}); see the README's "Configuration" section.
 */
public final class SandboxSettings {

  /**
   * {@code true} makes an invocation whose runtime the daemon lacks fail instead of being skipped
   * (for CI gates). Default {@code false}.
   */
  public static final String RUNTIMES_REQUIRED = "junit.sandbox.runtimes.required";

  /**
   * Prefix of the per-runtime Docker name override: {@code junit.sandbox.runtime.<id>.docker-name}
   * where {@code <id>} is {@link ContainerRuntime#id()}, e.g. {@code kata-fc}.
   */
  public static final String RUNTIME_DOCKER_NAME_PREFIX = "junit.sandbox.runtime.";

  /** Suffix of the per-runtime Docker name override. */
  public static final String RUNTIME_DOCKER_NAME_SUFFIX = ".docker-name";

  /** Directory the reports are written to. Default {@code target/sandbox-reports}. */
  public static final String REPORTS_DIR = "junit.sandbox.reports.dir";

  /**
   * How long, in whole seconds, each Docker daemon call for the library's own containers may take
   * (create, start, exec create and inspect, inspect, remove) before the invocation fails naming
   * the runtime and the phase, and the container's host processes are killed if the daemon cannot
   * remove it. Default {@code 60}.
   */
  public static final String DOCKER_TIMEOUT_SECONDS = "junit.sandbox.docker.timeout-seconds";

  /**
   * How many rounds every {@code @Runtimes} matrix of the run runs, overriding {@link
   * Runtimes#rounds()}: a whole number from 1 to 100. Unset by default (each matrix runs its own
   * rounds). For runs that want more trials everywhere, e.g. a nightly study, without editing
   * tests.
   */
  public static final String ROUNDS = "junit.sandbox.rounds";

  /**
   * How many trials per side a comparison ({@link Sandbox#compare}) runs unless the test says
   * {@code trials(n)}: a whole number, at least the minimum the significance level needs (6 at the
   * default alpha of 0.01). Default {@value #DEFAULT_COMPARISON_TRIALS}: with 6 a side a 10%
   * slowdown of getpid's mean was found in 4 of 6 comparisons, with 10 in 6 of 6 (README, "How
   * comparisons decide").
   */
  public static final String COMPARISONS_TRIALS = "junit.sandbox.comparisons.trials";

  /**
   * {@code true} makes an assertion on a comparison whose confidence interval straddles the
   * asserted bound fail; by default such an inconclusive assertion aborts the test (shown as
   * skipped, with the figures and the reason). Default {@code false}.
   */
  public static final String COMPARISONS_STRICT = "junit.sandbox.comparisons.strict";

  /**
   * The significance level of the regression gate ({@code dev.junitsandbox.gate}): a change is a
   * regression or an improvement only if the Mann-Whitney p is below it (and the interval at {@code
   * 1 - alpha} excludes 1). Above 0, at most 0.5. Default {@code 0.01}.
   */
  public static final String GATE_ALPHA = "junit.sandbox.gate.alpha";

  /**
   * The relative change the gate tolerates in every figure without its own tolerance: a fraction
   * above 0 and below 1. Default {@code 0.05} (plus or minus 5%, as Firecracker's A/B tests).
   */
  public static final String GATE_TOLERANCE = "junit.sandbox.gate.tolerance";

  /**
   * Prefix of a figure's own gate tolerance: {@code junit.sandbox.gate.tolerance.<figure>}, e.g.
   * {@code junit.sandbox.gate.tolerance.p99=0.10} for tails noisier than medians.
   */
  public static final String GATE_TOLERANCE_PREFIX = "junit.sandbox.gate.tolerance.";

  /**
   * {@code true} makes a gate whose verdict on a figure is inconclusive fail the test; by default
   * the test is aborted (shown as skipped, with the reason). Default {@code false}.
   */
  public static final String GATE_STRICT = "junit.sandbox.gate.strict";

  /** The trials per side of a comparison when {@link #COMPARISONS_TRIALS} is not set. */
  public static final int DEFAULT_COMPARISON_TRIALS = 10;

  /** The report directory used when {@link #REPORTS_DIR} is not set. */
  public static final String DEFAULT_REPORTS_DIR = "target/sandbox-reports";

  private SandboxSettings() {}

  /** The full key that overrides the Docker runtime name of {@code runtime}. */
  public static String dockerNameKey(ContainerRuntime runtime) {
    return RUNTIME_DOCKER_NAME_PREFIX + runtime.id() + RUNTIME_DOCKER_NAME_SUFFIX;
  }
}
