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
    List<ComparisonResult> comparisons) {

  public InvocationResult {
    Objects.requireNonNull(testClass, "testClass");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(runtime, "runtime");
    reason = reason == null ? "" : reason;
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
    comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
  }

  /** This invocation with its outcome and file, as the run report lists it. */
  public InvocationResult finished(
      TestOutcome.Status status, String reason, String file, List<MeasurementResult> measurements) {
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
        comparisons);
  }

  /** This invocation with {@code measurement} added. */
  public InvocationResult with(MeasurementResult measurement) {
    List<MeasurementResult> more =
        Stream.concat(measurements.stream(), Stream.of(measurement)).toList();
    return new InvocationResult(
        testClass,
        testMethod,
        displayName,
        uniqueId,
        runtime,
        status,
        reason,
        more,
        file,
        comparisons);
  }

  /** This invocation with {@code comparison} added. */
  public InvocationResult with(ComparisonResult comparison) {
    List<ComparisonResult> more =
        Stream.concat(comparisons.stream(), Stream.of(comparison)).toList();
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
        more);
  }
}
