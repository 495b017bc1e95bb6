package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.ParallelExecutionTestCases.Interval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Under JUnit's parallel execution no two probe runs overlap and measuring tests run apart from
 * other {@code @Runtimes} tests, while functional tests still run in parallel with each other. Runs
 * the fixtures with four worker threads on the host (no Docker).
 */
class ParallelExecutionTests {

  private static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

  @TempDir Path reports;

  @BeforeEach
  void reset() {
    ParallelExecutionTestCases.reset();
  }

  @Test
  void measurementsRunOneAtATimeAndApartFromFunctionalTests() {
    // WHEN four measuring tests (two probe runs each) and two functional tests run in parallel
    EngineExecutionResults results =
        runInParallel(
            selectClass(ParallelExecutionTestCases.Measuring.class),
            selectClass(ParallelExecutionTestCases.FunctionalBeside.class));

    // THEN no two probe runs overlapped
    assertThat(results).hasNumberOfSucceededTests(6).hasNumberOfFailedTests(0);
    List<Interval> probes = List.copyOf(ParallelExecutionTestCases.PROBE_RUNS);
    assertThat(probes).hasSize(8);
    assertThat(overlapping(probes, probes)).isEmpty();
    // and no functional test ran while a measuring test did
    assertThat(ParallelExecutionTestCases.FUNCTIONAL_TESTS).hasSize(2);
    assertThat(
            overlapping(
                List.copyOf(ParallelExecutionTestCases.MEASURING_TESTS),
                List.copyOf(ParallelExecutionTestCases.FUNCTIONAL_TESTS)))
        .isEmpty();
  }

  @Test
  void functionalTestsRunInParallel() {
    // WHEN two functional tests that wait (up to 10 s) for each other at a barrier run in parallel
    EngineExecutionResults results =
        runInParallel(selectClass(ParallelExecutionTestCases.Functional.class));

    // THEN both passed: they met, so they ran at the same time
    assertThat(results).hasNumberOfSucceededTests(2).hasNumberOfFailedTests(0);
  }

  @Test
  void probesStartedFromATestsOwnThreadsDoNotOverlap() {
    // WHEN one test measures from two threads at once
    EngineExecutionResults results =
        runInParallel(selectClass(ParallelExecutionTestCases.MeasuringFromTwoThreads.class));

    // THEN
    assertThat(results).hasNumberOfSucceededTests(1);
    List<Interval> probes = List.copyOf(ParallelExecutionTestCases.PROBE_RUNS);
    assertThat(probes).hasSize(2);
    assertThat(overlapping(probes, probes)).isEmpty();
  }

  private static List<String> overlapping(List<Interval> some, List<Interval> others) {
    List<String> overlaps = new ArrayList<>();
    for (Interval a : some) {
      for (Interval b : others) {
        if (a != b && a.overlaps(b)) {
          overlaps.add(a + " overlaps " + b);
        }
      }
    }
    return overlaps;
  }

  private EngineExecutionResults runInParallel(DiscoverySelector... selectors) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(SandboxSettings.REPORTS_DIR, reports.toString())
        .configurationParameter(Fixture.ENGINE_RUN, "true")
        .configurationParameters(SuppliedDaemon.registering("runc").configuration())
        .configurationParameters(PARALLEL)
        .selectors(selectors)
        .execute();
  }
}
