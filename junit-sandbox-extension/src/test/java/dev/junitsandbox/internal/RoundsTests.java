package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.report.RunReport;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/**
 * Rounds of a matrix ({@code @Runtimes(rounds = ...)}): interleaved round by round, named after
 * their round, validated, overridable for a run, and each round's sandbox reported on its own. The
 * order and naming tests need no Docker (a supplied daemon answer); the reporting one starts real
 * runc containers.
 */
class RoundsTests {

  private static final SuppliedDaemon RUNC_AND_RUNSC = SuppliedDaemon.registering("runc", "runsc");

  @TempDir Path reports;

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports, RUNC_AND_RUNSC);
  }

  private EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
    return EngineRuns.run(testCase, reports, RUNC_AND_RUNSC, configuration);
  }

  private static List<String> startedTests(EngineExecutionResults results) {
    return results.testEvents().started().stream()
        .map(Event::getTestDescriptor)
        .map(descriptor -> descriptor.getDisplayName())
        .toList();
  }

  @Test
  void runsTheRoundsInterleavedRuntimeByRuntimeNamedAfterTheirRound() {
    // WHEN
    EngineExecutionResults results = run(RoundsTestCases.ThreeRounds.class);

    // THEN round-major: host, runc, host, runc, ...; the runtime stays in brackets
    assertThat(startedTests(results))
        .containsExactly(
            "noop() [host] round 1 of 3",
            "noop() [runc] round 1 of 3",
            "noop() [host] round 2 of 3",
            "noop() [runc] round 2 of 3",
            "noop() [host] round 3 of 3",
            "noop() [runc] round 3 of 3");
    assertThat(results).hasNumberOfSucceededTests(6);
  }

  @Test
  void oneRoundKeepsTheNamesOfAMatrixWithoutRounds() {
    EngineExecutionResults results = run(RoundsTestCases.NoRounds.class);

    assertThat(startedTests(results)).containsExactly("noop() [host]", "noop() [runc]");
  }

  @Test
  void theRoundsKeyOverridesTheRoundsOfEveryMatrix() {
    // WHEN a matrix without rounds runs with junit.sandbox.rounds=2
    EngineExecutionResults results =
        run(RoundsTestCases.NoRounds.class, Map.of(SandboxSettings.ROUNDS, "2"));

    // THEN
    assertThat(startedTests(results))
        .containsExactly(
            "noop() [host] round 1 of 2",
            "noop() [runc] round 1 of 2",
            "noop() [host] round 2 of 2",
            "noop() [runc] round 2 of 2");
  }

  @Test
  void runsTheClassPassesOfAClassLevelMatrixInRounds() {
    // WHEN
    EngineExecutionResults results = run(RoundsTestCases.ClassWithRounds.class);

    // THEN each pass is named after its round, and the tests inside it too
    assertThat(
            results.containerEvents().started().stream()
                .map(e -> e.getTestDescriptor().getDisplayName())
                .filter(name -> name.contains("["))
                .toList())
        .containsExactly(
            "RoundsTestCases$ClassWithRounds [host] round 1 of 2",
            "RoundsTestCases$ClassWithRounds [runc] round 1 of 2",
            "RoundsTestCases$ClassWithRounds [host] round 2 of 2",
            "RoundsTestCases$ClassWithRounds [runc] round 2 of 2");
    assertThat(results).hasNumberOfSucceededTests(4);
  }

  @Test
  void aMethodInsideAClassWithRoundsTakesTheRoundOfEachPass() {
    // WHEN
    EngineExecutionResults results = run(RoundsTestCases.MethodInsideClassWithRounds.class);

    // THEN it runs in each round's runc pass and is skipped, named after its round, in the others
    assertThat(results)
        .hasSucceededTest("onRuncOnly() [runc] round 1 of 2")
        .hasSucceededTest("onRuncOnly() [runc] round 2 of 2")
        .hasSkippedTest("onRuncOnly() [host] round 2 of 2")
        .withReasonContaining("this method's @Runtimes lists [runc], not host");
  }

  @Test
  void rejectsZeroRoundsNamingTheRuleAndTheFix() {
    assertConfigurationError(
        run(RoundsTestCases.ZeroRounds.class),
        "declares rounds = 0, but rounds must be from 1 to 100",
        "e.g. @Runtimes(value = {HOST, RUNC}, rounds = 5)");
  }

  @Test
  void rejectsMoreRoundsThanTheMaximum() {
    assertConfigurationError(
        run(RoundsTestCases.TooManyRounds.class),
        "RoundsTestCases$TooManyRounds.noop()",
        "declares rounds = 101, but rounds must be from 1 to 100");
  }

  @Test
  void rejectsAnInvalidRoundsKey() {
    assertConfigurationError(
        run(RoundsTestCases.NoRounds.class, Map.of(SandboxSettings.ROUNDS, "many")),
        "junit.sandbox.rounds must be a whole number of rounds from 1 to 100, but was 'many'",
        "-Djunit.sandbox.rounds=5");
  }

  @Test
  void rejectsRoundsOnAMethodInsideAClassLevelMatrix() {
    // WHEN
    EngineExecutionResults results = run(RoundsTestCases.MethodRoundsInsideClass.class);

    // THEN
    assertThat(results)
        .hasNoStartedTests()
        .hasSingleFailedContainer()
        .withExceptionInstanceOf(ExtensionConfigurationException.class)
        .withMessageContaining(
            "declares rounds = 2, but it is inside a class-level @Runtimes",
            "declare them on the class, e.g. @Runtimes(value = {HOST, RUNC}, rounds = 2) on"
                + " MethodRoundsInsideClass");
  }

  @Test
  void reportsEachRoundsFreshSandboxInItsOwnFolder() throws Exception {
    DockerDaemon daemon = DockerDaemon.query();
    assumeThat(daemon.reachable()).as("Docker daemon reachable: %s", daemon.error()).isTrue();
    assumeThat(daemon.runtimes()).containsKey("runc");
    // GIVEN
    Instant started = Instant.now();

    // WHEN two rounds of getpid run on the host and in real runc containers
    EngineExecutionResults results =
        EngineRuns.run(RoundsTestCases.MeasuresInRounds.class, reports);

    // THEN four invocations, none replacing another's files
    assertThat(results).hasNumberOfSucceededTests(4);
    Path method =
        reports.resolve(RoundsTestCases.MeasuresInRounds.class.getName()).resolve("getpid");
    try (Stream<Path> files = Files.walk(method)) {
      assertThat(files.filter(f -> f.endsWith("invocation.json")).map(method::relativize))
          .extracting(Path::toString)
          .containsExactlyInAnyOrder(
              "host/round-1/invocation.json",
              "host/round-2/invocation.json",
              "runc/round-1/invocation.json",
              "runc/round-2/invocation.json");
    }
    // AND the run report holds each as a trial of its runtime
    List<TestOutcome> outcomes =
        results.testEvents().finished().stream()
            .map(
                e ->
                    new TestOutcome(
                        e.getTestDescriptor().getUniqueId().toString(),
                        e.getTestDescriptor().getDisplayName(),
                        TestOutcome.Status.SUCCESSFUL,
                        ""))
            .toList();
    String runId = runIdOf(reports.resolve(RoundsTestCases.MeasuresInRounds.class.getName()));
    RunResult run = RunReport.collect(reports, outcomes, List.of(runId), started, Instant.now());
    assertThat(run.invocations())
        .extracting(i -> i.runtime().id(), InvocationResult::round, InvocationResult::rounds)
        .containsExactlyInAnyOrder(
            tuple("host", 1, 2), tuple("host", 2, 2), tuple("runc", 1, 2), tuple("runc", 2, 2));
    assertThat(run.trialSeries())
        .extracting(s -> s.runtime(), s -> s.trials().size())
        .containsExactlyInAnyOrder(tuple("host", 2), tuple("runc", 2));
  }

  private static String runIdOf(Path directory) throws Exception {
    try (Stream<Path> files = Files.walk(directory)) {
      Path json = files.filter(f -> f.endsWith("invocation.json")).findFirst().orElseThrow();
      return new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(json.toFile())
          .path("runId")
          .asText();
    }
  }

  private static void assertConfigurationError(EngineExecutionResults results, String... parts) {
    assertThat(results)
        .hasNoStartedTests()
        .hasSingleFailedContainer()
        .withExceptionInstanceOf(ExtensionConfigurationException.class)
        .withMessageStartingWith("Configuration error:")
        .withMessageContaining(parts);
  }
}
