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
   * A {@code results.json} of an earlier run (saved with {@link #GATE_SAVE_BASELINE}) to gate this
   * run against: per measured figure with rounds ({@link #ROUNDS}, 6 or more in both runs), a
   * significant regression beyond the tolerance fails the last round's invocation. Unset by default
   * (no gate). See {@code docs/gate.md}.
   */
  public static final String GATE_BASELINE = "junit.sandbox.gate.baseline";

  /**
   * A file to write this run's results to, as a baseline for later runs, when the run ends
   * (atomically; parent directories are created). It must not name the {@link #GATE_BASELINE} file:
   * a run never rewrites the baseline it is gated against. Unset by default.
   */
  public static final String GATE_SAVE_BASELINE = "junit.sandbox.gate.save-baseline";

  /**
   * A file of JSON lines to which every run appends one line when it ends (schema {@code
   * junit-sandbox/history/1}: the run, its machine and versions, each {@code trialSeries}' median
   * and range, and in a gated run each gated figure's verdict and ratio); the page then has a Trend
   * section over the last runs. Parent directories are created; earlier lines are never rewritten,
   * and a line that cannot be read is skipped with a note. It must not name the {@link
   * #GATE_BASELINE} or {@link #GATE_SAVE_BASELINE} file nor a file of the run's report. Unset by
   * default. See {@code docs/gate.md}.
   */
  public static final String GATE_HISTORY = "junit.sandbox.gate.history";

  /** The gate's significance level, above 0 and at most 0.5; default 0.01. */
  public static final String GATE_ALPHA = "junit.sandbox.gate.alpha";

  /**
   * The relative change of a figure that the gate counts, above 0 and below 1; default 0.05 (plus
   * or minus 5%). {@link #GATE_TOLERANCE_PREFIX}{@code <figure>} sets it for one figure.
   */
  public static final String GATE_TOLERANCE = "junit.sandbox.gate.tolerance";

  /**
   * The prefix of a figure's own tolerance, e.g. {@code junit.sandbox.gate.tolerance.p99=0.15} (p99
   * is noisier than p50).
   */
  public static final String GATE_TOLERANCE_PREFIX = "junit.sandbox.gate.tolerance.";

  /**
   * {@code true} makes an inconclusive gate verdict fail the invocation; by default it aborts it
   * (shown as skipped, with the reason). Default {@code false}.
   */
  public static final String GATE_STRICT = "junit.sandbox.gate.strict";

  /**
   * The unix socket of the Incus daemon that {@link ContainerRuntime#INCUS} invocations use.
   * Default {@value #DEFAULT_INCUS_SOCKET}. Where nothing answers there, {@code INCUS} invocations
   * are skipped with the reason.
   */
  public static final String INCUS_SOCKET = "junit.sandbox.incus.socket";

  /** The Incus socket used when {@link #INCUS_SOCKET} is not set. */
  public static final String DEFAULT_INCUS_SOCKET = "/var/lib/incus/unix.socket";

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
