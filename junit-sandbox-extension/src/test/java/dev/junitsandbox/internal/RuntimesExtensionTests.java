package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static dev.junitsandbox.internal.RuntimesExtensionTestCases.MISSING_RUNTIME;

import dev.junitsandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * How {@code @Runtimes} expands, names, skips and rejects invocations, observed through the events
 * JUnit reports. No Docker needed: each run sees the daemon answer the test supplies, and the
 * fixtures start no container.
 */
class RuntimesExtensionTests {

  /** As runtimes/setup.sh leaves this machine; the tests hold on any daemon with this answer. */
  private static final SuppliedDaemon RUNC_AND_RUNSC = SuppliedDaemon.registering("runc", "runsc");

  @TempDir Path reports;

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports, RUNC_AND_RUNSC);
  }

  private EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
    return EngineRuns.run(testCase, reports, RUNC_AND_RUNSC, configuration);
  }

  @Test
  void runsOneInvocationPerRuntimeNamedAfterIt() {
    // WHEN
    EngineExecutionResults results = run(RuntimesExtensionTestCases.HostAndRunc.class);

    // THEN
    assertThat(results)
        .hasNumberOfStartedTests(2)
        .hasSucceededTest("noop() [host]")
        .hasSucceededTest("noop() [runc]");
  }

  @Test
  void keepsADisplayNameTheAuthorChose() {
    EngineExecutionResults results = run(RuntimesExtensionTestCases.WithDisplayName.class);

    assertThat(results).hasSucceededTest("host baseline [host]");
  }

  @Test
  void worksAsAMetaAnnotation() {
    EngineExecutionResults results = run(RuntimesExtensionTestCases.MetaAnnotated.class);

    assertThat(results).hasNumberOfSucceededTests(2);
  }

  @Test
  void skipsAMissingRuntimeWithTheReasonAndTheFix() {
    // WHEN
    EngineExecutionResults results = run(RuntimesExtensionTestCases.MissingRuntime.class);

    // THEN the host invocation runs and the missing one is skipped, saying what the daemon has
    assertThat(results)
        .hasSucceededTest("noop() [host]")
        .hasSkippedTest("noop() [" + MISSING_RUNTIME + "]")
        .withReasonContaining(
            "Runtime " + MISSING_RUNTIME + " is not registered",
            "at " + SuppliedDaemon.ENDPOINT,
            "it has: runc, runsc",
            "/etc/docker/daemon.json",
            "junit.sandbox.runtime.<id>.docker-name");
  }

  @Test
  void failsAMissingRuntimeInStrictMode() {
    // WHEN
    EngineExecutionResults results =
        run(
            RuntimesExtensionTestCases.MissingRuntime.class,
            Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN
    assertThat(results)
        .hasNumberOfSkippedTests(0)
        .hasSucceededTest("noop() [host]")
        .hasFailedTest("noop() [" + MISSING_RUNTIME + "]")
        .withMessageContaining(
            MISSING_RUNTIME + " is not registered", "junit.sandbox.runtimes.required=true");
  }

  @Test
  void skipsContainerRuntimesWhenNoDaemonAnswers() {
    // GIVEN
    SuppliedDaemon noDaemon = SuppliedDaemon.unreachable("connection refused");

    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(RuntimesExtensionTestCases.HostAndRunc.class, reports, noDaemon);

    // THEN the host baseline needs no daemon; runc says what is wrong and how to fix it
    assertThat(results)
        .hasSucceededTest("noop() [host]")
        .hasSkippedTest("noop() [runc]")
        .withReasonContaining(
            "Runtime runc needs Docker, but connection refused",
            "Fix: start the Docker daemon",
            "DOCKER_HOST");
  }

  @Test
  void failsContainerRuntimesInStrictModeWhenNoDaemonAnswers() {
    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            reports,
            SuppliedDaemon.unreachable("connection refused"),
            Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN
    assertThat(results)
        .hasSucceededTest("noop() [host]")
        .hasFailedTest("noop() [runc]")
        .withExceptionInstanceOf(RuntimeAvailabilityCheck.RuntimeUnavailableException.class)
        .withMessageContaining("needs Docker", "junit.sandbox.runtimes.required=true");
  }

  @Test
  void mapsAWellKnownRuntimeToAnotherDockerName() {
    // GIVEN CRUN configured to run on the daemon's runc, so it is available here
    Map<String, String> configuration = Map.of("junit.sandbox.runtime.crun.docker-name", "runc");

    // WHEN
    EngineExecutionResults results =
        run(RuntimesExtensionTestCases.CrunOnRunc.class, configuration);

    // THEN
    assertThat(results).hasNumberOfSkippedTests(0).hasSucceededTest("onCrun() [crun]");
  }

  @Test
  void skipsAWellKnownRuntimeTheDaemonLacksNamingItsDockerName() {
    // WHEN kata-fc is looked up under its default name, which the daemon lacks
    EngineExecutionResults results = run(RuntimesExtensionTestCases.KataFirecracker.class);

    // THEN
    assertThat(results)
        .hasSingleSkippedTest()
        .withReasonContaining("kata-fc", "is not registered", "Register 'kata-fc'");
  }

  @Test
  void resolvesTheHostSandbox() {
    EngineExecutionResults results = run(RuntimesExtensionTestCases.HostSandbox.class);

    assertThat(results).hasNumberOfStartedTests(1).hasNumberOfSucceededTests(1);
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

  @Test
  void rejectsAMisspeltKeyNamingTheKeyItMeant() {
    // WHEN strict mode is asked for under a misspelt key, which would otherwise do nothing
    EngineExecutionResults results =
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.runtimes.require", "true"));

    // THEN
    assertConfigurationError(
        results,
        "Unknown configuration key 'junit.sandbox.runtimes.require' (set as a configuration"
            + " parameter): did you mean 'junit.sandbox.runtimes.required'?");
    assertThat(results)
        .hasSingleFailedContainer()
        .withMessageContaining(
            "Known keys: junit.sandbox.comparisons.strict, junit.sandbox.comparisons.trials,"
                + " junit.sandbox.docker.timeout-seconds, junit.sandbox.gate.alpha,"
                + " junit.sandbox.gate.baseline, junit.sandbox.gate.history,"
                + " junit.sandbox.gate.save-baseline, junit.sandbox.gate.strict,"
                + " junit.sandbox.gate.tolerance, junit.sandbox.incus.socket,"
                + " junit.sandbox.reports.dir,"
                + " junit.sandbox.rounds, junit.sandbox.runtimes.required,"
                + " junit.sandbox.gate.tolerance.<figure>, and"
                + " junit.sandbox.runtime.<id>.docker-name where <id> is one of runc, crun, runsc,");
  }

  @Test
  void rejectsAMisspeltComparisonKeyNamingTheKeyItMeant() {
    EngineExecutionResults results =
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.comparison.strict", "true"));

    assertConfigurationError(
        results,
        "Unknown configuration key 'junit.sandbox.comparison.strict' (set as a configuration"
            + " parameter): did you mean 'junit.sandbox.comparisons.strict'?");
  }

  @Test
  void rejectsADockerNameKeyOfARuntimeItDoesNotKnow() {
    assertConfigurationError(
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.runtime.kata_fc.docker-name", "kata-firecracker")),
        "'kata_fc' is not the id of a runtime junit-sandbox knows, did you mean"
            + " 'junit.sandbox.runtime.kata-fc.docker-name'?");
  }

  @Test
  void rejectsADockerNameKeyWithAMisspeltSuffix() {
    assertConfigurationError(
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.runtime.kata-fc.dockername", "kata-firecracker")),
        "'junit.sandbox.runtime.kata-fc.dockername' (set as a configuration parameter): did you"
            + " mean 'junit.sandbox.runtime.kata-fc.docker-name'?");
  }

  @Test
  void rejectsADockerNameKeyForTheHost() {
    assertConfigurationError(
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.runtime.host.docker-name", "runc")),
        "the host baseline runs no container and has no Docker runtime name");
  }

  @Test
  void rejectsAKeyFarFromAnyKnownOneWithoutGuessing() {
    assertConfigurationError(
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of("junit.sandbox.telemetry.endpoint", "main")),
        "'junit.sandbox.telemetry.endpoint' (set as a configuration parameter): no key of that"
            + " name");
  }

  @Test
  void acceptsEveryKnownKey() {
    // WHEN every key is set (the reports directory is set by every run)
    EngineExecutionResults results =
        run(
            RuntimesExtensionTestCases.HostAndRunc.class,
            Map.of(
                SandboxSettings.RUNTIMES_REQUIRED,
                "false",
                "junit.sandbox.runtime.runc.docker-name",
                "runc",
                "junit.sandbox.runtime.kata-clh.docker-name",
                "kata-clh",
                SandboxSettings.INCUS_SOCKET,
                SandboxSettings.DEFAULT_INCUS_SOCKET));

    // THEN
    assertThat(results).hasNumberOfSucceededTests(2);
  }

  private static void assertConfigurationError(EngineExecutionResults results, String expected) {
    assertThat(results)
        .hasNoStartedTests()
        .hasSingleFailedContainer()
        .withExceptionInstanceOf(ExtensionConfigurationException.class)
        .withMessageStartingWith("Configuration error:")
        .withMessageContaining(expected);
  }
}
