package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.compare.ComparisonRule;
import dev.junitsandbox.gate.GateRule;
import dev.junitsandbox.internal.docker.DaemonCalls;
import dev.junitsandbox.internal.report.RunReport;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Every {@code junit.sandbox.*} setting, read and validated in one place. Invalid values fail with
 * a message that names the key, the value, the rule and the fix.
 *
 * <p>{@code gateRule()} is the rule the gates of this run decide by: {@code
 * junit.sandbox.gate.alpha} (default 0.01), {@code .tolerance} (default 0.05), {@code
 * .tolerance.<figure>} and {@code .strict} (default false); {@code gateBaseline()} and {@code
 * gateSaveBaseline()} the stored-baseline gate's files, {@code gateHistory()} the run history's.
 */
record Settings(
    boolean runtimesRequired,
    Path reportsDir,
    Map<ContainerRuntime, String> dockerNames,
    Duration dockerTimeout,
    OptionalInt rounds,
    int comparisonTrials,
    boolean comparisonsStrict,
    Optional<Path> gateBaseline,
    Optional<Path> gateSaveBaseline,
    Optional<Path> gateHistory,
    // junit.sandbox.incus.socket: where INCUS invocations find the Incus daemon (issue 15)
    Path incusSocket,
    // the rule gates of this run decide by: junit.sandbox.gate.alpha, .tolerance,
    // .tolerance.<figure> and .strict (issue 13)
    GateRule gateRule) {

  /**
   * The most rounds a matrix may run: each round is one fresh sandbox per runtime, and beyond this
   * a run takes hours without its medians getting much steadier.
   */
  static final int MAX_ROUNDS = 100;

  Settings {
    dockerNames = Map.copyOf(dockerNames);
  }

  /**
   * @param parameters reads a configuration parameter, as {@code
   *     ExtensionContext::getConfigurationParameter} does
   * @param present every {@code junit.sandbox.*} key that is set, mapped to where (for messages)
   * @throws ExtensionConfigurationException for a key junit-sandbox does not know or a bad value
   */
  static Settings read(Function<String, Optional<String>> parameters, Map<String, String> present) {
    rejectUnknownKeys(present);
    return read(parameters, present.keySet());
  }

  private static Settings read(
      Function<String, Optional<String>> parameters, Set<String> presentKeys) {
    boolean required = runtimesRequired(parameters);
    Path reports = reportsDir(parameters);
    Map<ContainerRuntime, String> names = new EnumMap<>(ContainerRuntime.class);
    for (ContainerRuntime runtime : ContainerRuntime.values()) {
      if (!runtime.isDocker()) {
        continue;
      }
      String key = SandboxSettings.dockerNameKey(runtime);
      String name = parameters.apply(key).map(String::strip).orElse(runtime.defaultDockerName());
      if (!RuntimeUnderTest.isValidDockerName(name)) {
        throw new ExtensionConfigurationException(
            String.format(
                "Configuration error: %s must be a Docker runtime name (letters, digits, '_', '.',"
                    + " '-', starting with a letter or digit), but was '%s'. Set it to the name"
                    + " under \"runtimes\" in /etc/docker/daemon.json, e.g. %s=%s",
                key, name, key, runtime.defaultDockerName()));
      }
      names.put(runtime, name);
    }
    boolean strict =
        parameters
            .apply(SandboxSettings.COMPARISONS_STRICT)
            .map(value -> parseBoolean(SandboxSettings.COMPARISONS_STRICT, value))
            .orElse(false);
    return new Settings(
        required,
        reports,
        names,
        dockerTimeout(parameters),
        rounds(parameters),
        comparisonTrials(parameters),
        strict,
        baselineOutside(reports, gateBaseline(parameters)),
        gateSaveBaseline(parameters),
        gateHistory(parameters),
        incusSocket(parameters),
        gateRule(parameters, presentKeys));
  }

  /**
   * The baseline, refused when it is a file this run's report writes over (its {@code
   * results.json}): a run never rewrites the baseline it is gated against.
   */
  private static Optional<Path> baselineOutside(Path reports, Optional<Path> baseline) {
    Path own = reports.resolve(RunReport.RESULTS_FILE);
    if (baseline.isPresent() && sameFile(baseline.get(), own)) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s names %s, the results.json this run's report writes over"
                  + " (%s is %s), but a run never rewrites the baseline it is gated against. Copy"
                  + " the earlier run's results.json out of the reports directory, e.g. to"
                  + " baselines/this-machine.json, and pass -D%s=baselines/this-machine.json",
              SandboxSettings.GATE_BASELINE,
              baseline.get().toAbsolutePath().normalize(),
              SandboxSettings.REPORTS_DIR,
              reports,
              SandboxSettings.GATE_BASELINE));
    }
    return baseline;
  }

  /** {@code junit.sandbox.gate.baseline}: the baseline file this run is gated against, if any. */
  static Optional<Path> gateBaseline(Function<String, Optional<String>> parameters) {
    return path(parameters, SandboxSettings.GATE_BASELINE);
  }

  /**
   * {@code junit.sandbox.gate.save-baseline}: where this run's results are saved as a baseline, if
   * anywhere. Also read by the run report's listener, which saves it.
   *
   * @throws ExtensionConfigurationException if it names the file the run is gated against
   */
  static Optional<Path> gateSaveBaseline(Function<String, Optional<String>> parameters) {
    Optional<Path> save = path(parameters, SandboxSettings.GATE_SAVE_BASELINE);
    Optional<Path> baseline = gateBaseline(parameters);
    if (save.isPresent() && baseline.isPresent() && sameFile(save.get(), baseline.get())) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s and %s both name %s, but a run never rewrites the baseline"
                  + " it is gated against (a regression would become the new normal). Save to"
                  + " another file, e.g. -D%s=%s, review it, and replace the baseline by hand",
              SandboxSettings.GATE_SAVE_BASELINE,
              SandboxSettings.GATE_BASELINE,
              baseline.get().toAbsolutePath().normalize(),
              SandboxSettings.GATE_SAVE_BASELINE,
              "target/new-baseline.json"));
    }
    return save;
  }

  /**
   * {@code junit.sandbox.gate.history}: the file every run appends a line to, if any. Also read by
   * the run report's listener, which appends.
   *
   * @throws ExtensionConfigurationException if it names the baseline, the file a baseline is saved
   *     to, or a file of this run's report: appending would break that file, and writing it would
   *     erase the history
   */
  static Optional<Path> gateHistory(Function<String, Optional<String>> parameters) {
    Optional<Path> history = path(parameters, SandboxSettings.GATE_HISTORY);
    if (history.isEmpty()) {
      return history;
    }
    Map<String, Optional<Path>> others = new LinkedHashMap<>();
    others.put(SandboxSettings.GATE_BASELINE, gateBaseline(parameters));
    others.put(
        SandboxSettings.GATE_SAVE_BASELINE, path(parameters, SandboxSettings.GATE_SAVE_BASELINE));
    Path reports = reportsDir(parameters);
    for (String file : List.of(RunReport.RESULTS_FILE, RunReport.HTML_FILE)) {
      others.put(
          String.format(
              "the %s this run's report writes (%s is %s)",
              file, SandboxSettings.REPORTS_DIR, reports),
          Optional.of(reports.resolve(file)));
    }
    others.forEach(
        (what, other) -> {
          if (other.isPresent() && sameFile(history.get(), other.get())) {
            throw new ExtensionConfigurationException(
                String.format(
                    "Configuration error: %s and %s both name %s, but the history is a file of its"
                        + " own: each run appends a line of JSON to it, which would break that"
                        + " file, and writing that file would erase the runs before. Give the"
                        + " history its own file, kept from run to run, e.g. -D%s=%s",
                    SandboxSettings.GATE_HISTORY,
                    what,
                    history.get().toAbsolutePath().normalize(),
                    SandboxSettings.GATE_HISTORY,
                    "sandbox-history/runs.jsonl"));
          }
        });
    return history;
  }

  private static Optional<Path> path(Function<String, Optional<String>> parameters, String key) {
    return parameters.apply(key).map(String::strip).filter(v -> !v.isEmpty()).map(Path::of);
  }

  // the same file also through a symbolic link or another spelling of the path
  private static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
    } catch (IOException e) {
      // compared by their absolute paths below
    }
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  // junit.sandbox.gate.* (issue 13): each value checked here against the rule GateRule enforces,
  // so that a bad value names its key rather than the record's parameter
  private static GateRule gateRule(
      Function<String, Optional<String>> parameters, Set<String> presentKeys) {
    double alpha =
        fraction(
            parameters,
            SandboxSettings.GATE_ALPHA,
            GateRule.DEFAULT_ALPHA,
            0.5,
            true,
            "a significance level above 0 and at most 0.5");
    double tolerance =
        fraction(
            parameters,
            SandboxSettings.GATE_TOLERANCE,
            GateRule.DEFAULT_TOLERANCE,
            1,
            false,
            "a relative change above 0 and below 1 (0.05 is plus or minus 5%)");
    Map<String, Double> tolerances = new TreeMap<>();
    String prefix = SandboxSettings.GATE_TOLERANCE_PREFIX;
    for (String key : new TreeSet<>(presentKeys)) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        tolerances.put(
            key.substring(prefix.length()),
            fraction(
                parameters,
                key,
                GateRule.DEFAULT_TOLERANCE,
                1,
                false,
                "the relative change figure '"
                    + key.substring(prefix.length())
                    + "' tolerates, above 0 and below 1 (0.10 is plus or minus 10%)"));
      }
    }
    boolean strict =
        parameters
            .apply(SandboxSettings.GATE_STRICT)
            .map(value -> parseBoolean(SandboxSettings.GATE_STRICT, value))
            .orElse(false);
    return new GateRule(alpha, tolerance, tolerances, strict);
  }

  private static double fraction(
      Function<String, Optional<String>> parameters,
      String key,
      double defaultValue,
      double max,
      boolean maxIncluded,
      String what) {
    Optional<String> value = parameters.apply(key).map(String::strip);
    if (value.isEmpty()) {
      return defaultValue;
    }
    double parsed;
    try {
      parsed = value.get().matches("[0-9]*\\.?[0-9]+") ? Double.parseDouble(value.get()) : -1;
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (!(parsed > 0 && (maxIncluded ? parsed <= max : parsed < max))) {
      throw new ExtensionConfigurationException(
          String.format(
              Locale.ROOT,
              "Configuration error: %s must be %s, written as a decimal fraction, but was '%s'."
                  + " Set it in junit-platform.properties or pass -D%s=%s",
              key,
              what,
              value.get(),
              key,
              BigDecimal.valueOf(defaultValue).toPlainString()));
    }
    return parsed;
  }

  // junit.sandbox.comparisons.trials (issue 12): enough trials that a difference can be
  // significant at the default alpha at all
  private static int comparisonTrials(Function<String, Optional<String>> parameters) {
    String key = SandboxSettings.COMPARISONS_TRIALS;
    Optional<String> value = parameters.apply(key).map(String::strip);
    if (value.isEmpty()) {
      return SandboxSettings.DEFAULT_COMPARISON_TRIALS;
    }
    int minimum = ComparisonRule.defaults().minimumTrialsPerSide();
    if (!value.get().matches("[0-9]{1,4}") || Integer.parseInt(value.get()) < minimum) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s must be a whole number of trials per side from %d to 9999"
                  + " (with fewer than %d no difference can be significant at alpha %s), but was"
                  + " '%s'. Set it in junit-platform.properties or pass -D%s=%d",
              key,
              minimum,
              minimum,
              ComparisonRule.DEFAULT_ALPHA,
              value.get(),
              key,
              SandboxSettings.DEFAULT_COMPARISON_TRIALS));
    }
    return Integer.parseInt(value.get());
  }

  /** The rule comparisons of this run decide and assert by. */
  ComparisonRule comparisonRule() {
    return ComparisonRule.defaults().withStrict(comparisonsStrict);
  }

  // junit.sandbox.rounds: overrides every matrix's rounds for the run
  private static OptionalInt rounds(Function<String, Optional<String>> parameters) {
    String key = SandboxSettings.ROUNDS;
    Optional<String> value = parameters.apply(key).map(String::strip);
    if (value.isEmpty()) {
      return OptionalInt.empty();
    }
    if (!value.get().matches("[0-9]{1,3}")
        || Integer.parseInt(value.get()) < 1
        || Integer.parseInt(value.get()) > MAX_ROUNDS) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s must be a whole number of rounds from 1 to %d, but was"
                  + " '%s'. Set it in junit-platform.properties or pass -D%s=5, or remove it to"
                  + " run the rounds each @Runtimes declares",
              key, MAX_ROUNDS, value.get(), key));
    }
    return OptionalInt.of(Integer.parseInt(value.get()));
  }

  /**
   * {@code junit.sandbox.incus.socket}: an absolute path, default {@value
   * SandboxSettings#DEFAULT_INCUS_SOCKET}. Also read by the leftovers sweep, which has no extension
   * context.
   *
   * @throws ExtensionConfigurationException if it is not an absolute path
   */
  static Path incusSocket(Function<String, Optional<String>> parameters) {
    String key = SandboxSettings.INCUS_SOCKET;
    String value =
        parameters
            .apply(key)
            .map(String::strip)
            .filter(v -> !v.isEmpty())
            .orElse(SandboxSettings.DEFAULT_INCUS_SOCKET);
    if (!value.startsWith("/")) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s must be the absolute path of the Incus daemon's unix"
                  + " socket, but was '%s'. Set it in junit-platform.properties or pass -D%s=%s",
              key, value, key, SandboxSettings.DEFAULT_INCUS_SOCKET));
    }
    return Path.of(value);
  }

  /**
   * {@code junit.sandbox.runtimes.required}: {@code true} or {@code false}, default false. Also
   * read by the run report's listener, which has no extension context.
   *
   * @throws ExtensionConfigurationException if it is neither
   */
  static boolean runtimesRequired(Function<String, Optional<String>> parameters) {
    return parameters
        .apply(SandboxSettings.RUNTIMES_REQUIRED)
        .map(value -> parseBoolean(SandboxSettings.RUNTIMES_REQUIRED, value))
        .orElse(false);
  }

  /**
   * {@code junit.sandbox.reports.dir}, default {@value SandboxSettings#DEFAULT_REPORTS_DIR}. Also
   * read by the run report's listener.
   */
  static Path reportsDir(Function<String, Optional<String>> parameters) {
    return Path.of(
        parameters
            .apply(SandboxSettings.REPORTS_DIR)
            .map(String::strip)
            .filter(value -> !value.isEmpty())
            .orElse(SandboxSettings.DEFAULT_REPORTS_DIR));
  }

  // junit.sandbox.docker.timeout-seconds (bounds of daemon calls, issue 10): a positive whole
  // number
  private static Duration dockerTimeout(Function<String, Optional<String>> parameters) {
    String key = SandboxSettings.DOCKER_TIMEOUT_SECONDS;
    Optional<String> value = parameters.apply(key).map(String::strip);
    if (value.isEmpty()) {
      return DaemonCalls.DEFAULT_LIMIT;
    }
    if (!value.get().matches("[0-9]{1,6}") || Long.parseLong(value.get()) == 0) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: %s must be a whole number of seconds from 1 to 999999, but was"
                  + " '%s'. Set it in junit-platform.properties or pass -D%s=%d",
              key, value.get(), key, DaemonCalls.DEFAULT_LIMIT.toSeconds()));
    }
    return Duration.ofSeconds(Long.parseLong(value.get()));
  }

  /**
   * A misspelt key would do nothing, silently: {@code junit.sandbox.runtimes.require=true} leaves a
   * CI gate passing by skipping. So every {@code junit.sandbox.*} key must be one this version
   * reads.
   */
  static void rejectUnknownKeys(Map<String, String> present) {
    List<String> problems = new ArrayList<>();
    present.forEach(
        (key, where) ->
            unknownKeyProblem(key)
                .ifPresent(
                    p -> problems.add(String.format("'%s' (set as %s): %s", key, where, p))));
    if (problems.isEmpty()) {
      return;
    }
    throw new ExtensionConfigurationException(
        String.format(
            "Configuration error: Unknown configuration key %s (a key junit-sandbox does not"
                + " read would be silently ignored, so it is an error: fix or remove it). Known keys:"
                + " %s, %s<figure>, and %s<id>%s where <id> is one of %s.",
            String.join("; ", problems),
            String.join(", ", fixedKeys()),
            SandboxSettings.GATE_TOLERANCE_PREFIX,
            SandboxSettings.RUNTIME_DOCKER_NAME_PREFIX,
            SandboxSettings.RUNTIME_DOCKER_NAME_SUFFIX,
            String.join(", ", containerRuntimeIds())));
  }

  /** Why {@code key} is not a key junit-sandbox reads, with a suggestion; empty if it is one. */
  private static Optional<String> unknownKeyProblem(String key) {
    if (fixedKeys().contains(key)) {
      return Optional.empty();
    }
    if (key.startsWith(SandboxSettings.GATE_TOLERANCE_PREFIX)) {
      return key.length() > SandboxSettings.GATE_TOLERANCE_PREFIX.length()
          ? Optional.empty()
          : Optional.of(
              "a figure's own tolerance names the figure after the prefix, e.g. "
                  + SandboxSettings.GATE_TOLERANCE_PREFIX
                  + "p99=0.10");
    }
    String prefix = SandboxSettings.RUNTIME_DOCKER_NAME_PREFIX;
    String suffix = SandboxSettings.RUNTIME_DOCKER_NAME_SUFFIX;
    if (key.startsWith(prefix)
        && key.endsWith(suffix)
        && key.length() > prefix.length() + suffix.length()) {
      String id = key.substring(prefix.length(), key.length() - suffix.length());
      if (containerRuntimeIds().contains(id)) {
        return Optional.empty();
      }
      if (id.equals(ContainerRuntime.HOST.id())) {
        return Optional.of(
            "the host baseline runs no container and has no Docker runtime name; remove the key");
      }
      if (id.equals(ContainerRuntime.INCUS.id()) || id.equals(ContainerRuntime.INCUS_VM.id())) {
        return Optional.of(
            "Incus system containers are not a Docker runtime and have no Docker runtime name;"
                + " remove the key (point "
                + SandboxSettings.INCUS_SOCKET
                + " at another Incus daemon's socket instead)");
      }
      Optional<String> near = nearest(id, containerRuntimeIds());
      return Optional.of(
          String.format(
              "'%s' is not the id of a runtime junit-sandbox knows%s; a runtime you name in"
                  + " @Runtimes(names = ...) is used under that Docker name as it is and needs no"
                  + " key",
              id, near.map(n -> ", did you mean '" + prefix + n + suffix + "'?").orElse("")));
    }
    List<String> candidates = new ArrayList<>(fixedKeys());
    containerRuntimeIds().forEach(id -> candidates.add(prefix + id + suffix));
    return Optional.of(
        nearest(key, candidates)
            .map(n -> "did you mean '" + n + "'?")
            .orElse("no key of that name"));
  }

  /**
   * The keys of {@link SandboxSettings} that are not a prefix or suffix: the public constants are
   * the one place keys are declared, so a new key is known here without a second list.
   */
  static List<String> fixedKeys() {
    List<String> keys = new ArrayList<>();
    for (Field field : SandboxSettings.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          String value = (String) field.get(null);
          if (value.startsWith(ConfigurationKeys.PREFIX) && !value.endsWith(".")) {
            keys.add(value);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    keys.sort(null);
    return keys;
  }

  private static List<String> containerRuntimeIds() {
    return Arrays.stream(ContainerRuntime.values())
        .filter(ContainerRuntime::isDocker)
        .map(ContainerRuntime::id)
        .toList();
  }

  /**
   * The candidate closest to {@code value} in edit distance, if it is close enough to be a typo.
   */
  private static Optional<String> nearest(String value, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(value, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    int tolerance = Math.max(2, Math.min(value.length(), best == null ? 0 : best.length()) / 3);
    return bestDistance <= tolerance ? Optional.ofNullable(best) : Optional.empty();
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static boolean parseBoolean(String key, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ExtensionConfigurationException(
              String.format(
                  "Configuration error: %s must be 'true' or 'false', but was '%s'. Fix it in"
                      + " junit-platform.properties or pass -D%s=true",
                  key, value, key));
    };
  }

  RuntimeUnderTest runtimeUnderTest(ContainerRuntime runtime) {
    if (runtime.isHost()) {
      return RuntimeUnderTest.host();
    }
    if (runtime == ContainerRuntime.INCUS) {
      return RuntimeUnderTest.incus();
    }
    if (runtime == ContainerRuntime.INCUS_VM) {
      return RuntimeUnderTest.incusVm();
    }
    return RuntimeUnderTest.docker(runtime.id(), dockerNames.get(runtime));
  }
}
