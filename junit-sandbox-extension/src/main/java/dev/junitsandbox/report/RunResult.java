package dev.junitsandbox.report;

import dev.junitsandbox.internal.report.ResultJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole run, as written to {@code results.json} (schema {@value #SCHEMA}, see {@code
 * docs/report-schema.md}): when it ran, on what machine and runtimes, how every test ended, and
 * every invocation with its measurements. A later run or a gate loads an earlier run with {@link
 * #read(Path)} and compares against it ({@link MeasurementResult#toMeasurement()} gives back the
 * measurement, histograms decoded losslessly).
 *
 * @param schema always {@value #SCHEMA}
 * @param started when the test plan started
 * @param finished when it finished, not before {@code started}
 * @param environment the machine, as the first invocation measured it; {@code null} when no
 *     invocation measured anything
 * @param runtimes every runtime an invocation ran on, the host first, then junit-sandbox's
 *     well-known runtimes in their order, then others by id; copied
 * @param tests how every test and container of the run ended, including skips; copied
 * @param invocations every invocation of this run that measured something, in the order of their
 *     folders; copied. Files that earlier runs left in the reports directory are never among them.
 * @param runIds the ids of the runs whose invocations it holds: one, or several when forks that ran
 *     at the same time wrote one directory; each {@code invocation.json} names its run. Copied;
 *     empty in results of a version before run ids
 * @param trialSeries per group and runtime that ran in two or more rounds of a matrix
 *     ({@code @Runtimes(rounds = ...)}): each round's headline value and their median and range, in
 *     the order the groups first appear; copied. Empty in a run without rounds
 */
public record RunResult(
    String schema,
    Instant started,
    Instant finished,
    Environment environment,
    List<RuntimeDescription> runtimes,
    List<TestOutcome> tests,
    List<InvocationResult> invocations,
    List<String> runIds,
    List<TrialSeries> trialSeries,
    BaselineGate gate) {

  /** Identifies the layout of {@code results.json}; bumped on any incompatible change. */
  public static final String SCHEMA = "junit-sandbox/results/4";

  public RunResult {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    if (!SCHEMA.equals(schema)) {
      throw new IllegalArgumentException(
          String.format(
              "results of schema '%s' cannot be read as %s; docs/report-schema.md lists what"
                  + " changed between the versions: re-run the tests with this version to"
                  + " get results it reads",
              schema, SCHEMA));
    }
    if (finished.isBefore(started)) {
      throw new IllegalArgumentException(
          "a run cannot finish (" + finished + ") before it starts (" + started + ")");
    }
    runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
    tests = tests == null ? List.of() : List.copyOf(tests);
    invocations = invocations == null ? List.of() : List.copyOf(invocations);
    runIds = runIds == null ? List.of() : List.copyOf(runIds);
    trialSeries = trialSeries == null ? List.of() : List.copyOf(trialSeries);
  }

  /** A run without a stored-baseline gate. */
  public RunResult(
      String schema,
      Instant started,
      Instant finished,
      Environment environment,
      List<RuntimeDescription> runtimes,
      List<TestOutcome> tests,
      List<InvocationResult> invocations,
      List<String> runIds,
      List<TrialSeries> trialSeries) {
    this(
        schema,
        started,
        finished,
        environment,
        runtimes,
        tests,
        invocations,
        runIds,
        trialSeries,
        null);
  }

  /** A run without rounds: no trial series. */
  public RunResult(
      String schema,
      Instant started,
      Instant finished,
      Environment environment,
      List<RuntimeDescription> runtimes,
      List<TestOutcome> tests,
      List<InvocationResult> invocations,
      List<String> runIds) {
    this(
        schema,
        started,
        finished,
        environment,
        runtimes,
        tests,
        invocations,
        runIds,
        List.of(),
        null);
  }

  /**
   * Reads a {@code results.json}.
   *
   * @throws UncheckedIOException if the file cannot be read or is not JSON
   * @throws IllegalArgumentException if it is of another schema or breaks a record's rules
   */
  public static RunResult read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the run results in " + file + ": " + e, e);
    }
  }

  /**
   * Reads a {@code results.json} from {@code in}, which stays open.
   *
   * @throws UncheckedIOException if it cannot be read or is not JSON
   * @throws IllegalArgumentException if it is of another schema or breaks a record's rules
   */
  public static RunResult read(InputStream in) {
    return ResultJson.read(in, RunResult.class);
  }

  /** The rounds of {@code group} on {@code runtime}, if it ran in two rounds or more. */
  public Optional<TrialSeries> findTrialSeries(String group, String runtime) {
    return trialSeries.stream()
        .filter(series -> series.group().equals(group) && series.runtime().equals(runtime))
        .findFirst();
  }

  /** Every measurement of every invocation, in order. */
  public List<MeasurementResult> measurements() {
    return invocations.stream().flatMap(i -> i.measurements().stream()).toList();
  }
}
