package dev.junitsandbox.report;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One invocation of a {@code @Runtimes} test (or one class pass), as reported: which test, on which
 * runtime, how it ended, and what it measured.
 *
 * @param testClass the test class's name
 * @param testMethod the test method's name, or {@code null} for a sandbox a class pass took in
 *     {@code @BeforeEachRuntime}
 * @param displayName JUnit's display name, e.g. {@code "getpid() [runsc]"}
 * @param uniqueId JUnit's unique id
 * @param runtime the runtime it ran on
 * @param status how it ended, or {@code null} in {@code invocation.json}, which is written while
 *     the test runs
 * @param reason the failure's or abort's message; empty when successful or not known yet
 * @param measurements what it measured, in order; copied
 * @param file its {@code invocation.json}, relative to the reports directory; {@code null} inside
 *     that file
 * @param round which round of the matrix ({@code @Runtimes(rounds = ...)}) it ran in, from 1; each
 *     round of a runtime is one trial in a fresh sandbox
 * @param rounds how many rounds the matrix ran, 1 without rounds. Files written before rounds
 *     existed have neither; they read as round 1 of 1
 * @param comparisons the comparisons it ran ({@code Sandbox.compare}), in order; their trials'
 *     measurements are among {@code measurements}; copied
 */
public record InvocationResult(
    String testClass,
    String testMethod,
    String displayName,
    String uniqueId,
    RuntimeDescription runtime,
    TestOutcome.Status status,
    String reason,
    List<MeasurementResult> measurements,
    String file,
    int round,
    int rounds,
    List<ComparisonResult> comparisons) {

  public InvocationResult {
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(runtime, "runtime");
    reason = reason == null ? "" : reason;
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
    comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    if (round == 0 && rounds == 0) { // written before rounds
      round = 1;
      rounds = 1;
    }
    if (rounds < 1 || round < 1 || round > rounds) {
      throw new IllegalArgumentException(
          String.format(
              "%s: round %d of %d is not a round: a matrix has at least 1 round, and its rounds"
                  + " are numbered from 1 to their number",
              displayName, round, rounds));
    }
  }

  /** An invocation of a matrix without rounds (round 1 of 1) that ran no comparison. */
  public InvocationResult(
      String testClass,
      String testMethod,
      String displayName,
      String uniqueId,
      RuntimeDescription runtime,
      TestOutcome.Status status,
      String reason,
      List<MeasurementResult> measurements,
      String file) {
    this(
        testClass,
        testMethod,
        displayName,
        uniqueId,
        runtime,
        status,
        reason,
        measurements,
        file,
        1,
        1,
        List.of());
  }

  /** This invocation with its outcome and file, as the run report lists it. */
  public InvocationResult finished(
      TestOutcome.Status status, String reason, String file, List<MeasurementResult> measurements) {
    return copy(status, reason, measurements, file, round, rounds, comparisons);
  }

  /** This invocation with {@code measurement} added. */
  public InvocationResult with(MeasurementResult measurement) {
    List<MeasurementResult> more =
        Stream.concat(measurements.stream(), Stream.of(measurement)).toList();
    return copy(status, reason, more, file, round, rounds, comparisons);
  }

  /** This invocation as round {@code round} of {@code rounds} of its matrix. */
  public InvocationResult inRound(int round, int rounds) {
    return copy(status, reason, measurements, file, round, rounds, comparisons);
  }

  /** This invocation with {@code comparison} added. */
  public InvocationResult with(ComparisonResult comparison) {
    List<ComparisonResult> more =
        Stream.concat(comparisons.stream(), Stream.of(comparison)).toList();
    return copy(status, reason, measurements, file, round, rounds, more);
  }

  // the same test and runtime with other state: the one place the copies list the components
  private InvocationResult copy(
      TestOutcome.Status status,
      String reason,
      List<MeasurementResult> measurements,
      String file,
      int round,
      int rounds,
      List<ComparisonResult> comparisons) {
    return new InvocationResult(
        testClass,
        testMethod,
        displayName,
        uniqueId,
        runtime,
        status,
        reason,
        measurements,
        file,
        round,
        rounds,
        comparisons);
  }
}
