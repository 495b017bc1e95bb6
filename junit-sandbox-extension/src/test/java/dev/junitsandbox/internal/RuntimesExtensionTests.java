package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.RuntimesExtensionTestCases.MISSING_RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.junitsandbox.SandboxSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * How {@code @Runtimes} expands, names, skips and rejects invocations, observed through the events
 * JUnit reports. Needs a reachable Docker daemon with runc (as runtimes/setup.sh leaves it); the
 * fixtures start no container unless they take a Sandbox.
 */
class RuntimesExtensionTests {

  @TempDir java.nio.file.Path reports;

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports);
  }

  private EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
    return EngineRuns.run(testCase, reports, configuration);
  }

  @Test
  void runsOneInvocationPerRuntimeNamedAfterIt() {
    // WHEN
    EngineExecutionResults results = run(RuntimesExtensionTestCases.HostAndRunc.class);

    // THEN
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("noop() [host]"), finishedSuccessfully()))
        .haveExactly(1, event(test(), displayName("noop() [runc]"), finishedSuccessfully()));
    assertThat(results.testEvents().started().count()).isEqualTo(2);
  }

  @Test
  void keepsADisplayNameTheAuthorChose() {
    EngineExecutionResults results = run(RuntimesExtensionTestCases.WithDisplayName.class);

    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("host baseline [host]"), finishedSuccessfully()));
  }

  @Test
  void worksAsAMetaAnnotation() {
    EngineExecutionResults results = run(RuntimesExtensionTestCases.MetaAnnotated.class);

    assertThat(results.testEvents().succeeded().count()).isEqualTo(2);
  }

  @Test
  void skipsAMissingRuntimeWithTheReasonAndTheFix() {
    // WHEN
    EngineExecutionResults results = run(RuntimesExtensionTestCases.MissingRuntime.class);

    // THEN the host invocation runs and the missing one is skipped, saying what the daemon has
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("noop() [host]"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test(),
                displayName("noop() [" + MISSING_RUNTIME + "]"),
                skippedWithReason(
                    reason ->
                        reason.contains("Runtime " + MISSING_RUNTIME + " is not registered")
                            && reason.contains("it has: ")
                            && reason.contains("runc")
                            && reason.contains("/etc/docker/daemon.json"))));
  }

  @Test
  void failsAMissingRuntimeInStrictMode() {
    // WHEN
    EngineExecutionResults results =
        run(
            RuntimesExtensionTestCases.MissingRuntime.class,
            Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("noop() [host]"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test(),
                displayName("noop() [" + MISSING_RUNTIME + "]"),
                finishedWithFailure(
                    message(
                        m ->
                            m.contains(MISSING_RUNTIME + " is not registered")
                                && m.contains("junit.sandbox.runtimes.required=true")))));
    assertThat(results.testEvents().skipped().count()).isZero();
  }

  @Test
  void mapsAWellKnownRuntimeToAnotherDockerName() {
    // GIVEN KATA_FC configured to run on the daemon's runc, so it is available here
    Map<String, String> configuration = Map.of("junit.sandbox.runtime.kata-fc.docker-name", "runc");

    // WHEN
    EngineExecutionResults results =
        run(RuntimesExtensionTestCases.KataFirecracker.class, configuration);

    // THEN
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("onKata() [kata-fc]"), finishedSuccessfully()));
  }

  @Test
  void resolvesTheHostSandbox() {
    EngineExecutionResults results = run(RuntimesExtensionTestCases.HostSandbox.class);

    results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void rejectsAnEmptyRuntimeList() {
    assertConfigurationError(
        run(RuntimesExtensionTestCases.EmptyRuntimes.class),
        "must name at least one runtime, e.g. @Runtimes({HOST, RUNC, RUNSC})");
  }

  @Test
  void rejectsAnInvalidRuntimeName() {
    assertConfigurationError(
        run(RuntimesExtensionTestCases.InvalidName.class),
        "names Docker runtime 'not a name!', which is not a valid runtime name");
  }

  @Test
  void rejectsARuntimeListedTwice() {
    assertConfigurationError(
        run(RuntimesExtensionTestCases.DuplicateRuntime.class), "lists runc more than once");
  }

  @Test
  void rejectsAnInvalidRequiredSetting() {
    assertConfigurationError(
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of(SandboxSettings.RUNTIMES_REQUIRED, "yes")),
        "junit.sandbox.runtimes.required must be 'true' or 'false', but was 'yes'");
  }

  @Test
  void rejectsAnInvalidDockerNameOverride() {
    assertConfigurationError(
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.runtime.runsc.docker-name", "run sc")),
        "junit.sandbox.runtime.runsc.docker-name must be a Docker runtime name");
  }

  private static void assertConfigurationError(EngineExecutionResults results, String expected) {
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(),
                finishedWithFailure(
                    instanceOf(ExtensionConfigurationException.class),
                    message(m -> m.startsWith("Configuration error:") && m.contains(expected)))));
    assertThat(results.testEvents().started().count()).isZero();
  }
}
