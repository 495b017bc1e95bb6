package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * What a run prints at its end about tests that did not run, and how strict mode turns a gate that
 * would pass by skipping into a failing one. Runs a fixture through a real launcher, as Maven
 * Surefire does, with the Docker daemon unreachable (supplied by the test, so no daemon is
 * stopped).
 */
class RunReportListenerTests {

  @TempDir Path reports;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void aGateWithoutDockerPassesButSaysLoudlyThatItSkippedEverything() {
    // WHEN a @Runtimes(RUNSC) suite runs with the daemon unreachable, without strict mode
    TestExecutionSummary summary = run(Map.of());

    // THEN it passes (JUnit counts skips as no failure) ...
    assertThat(summary.getTotalFailureCount()).isZero();
    assertThat(summary.getTestsSkippedCount()).isEqualTo(2);
    // ... and the end of the run says how many were skipped, why, and how CI makes that fail
    assertThat(printed())
        .contains(
            "[junit-sandbox] 2 SKIPPED: Runtime runsc needs Docker, but connection refused (2)",
            "[junit-sandbox]   2 x Runtime runsc needs Docker, but connection refused: ",
            "getpid() [runsc] in " + RunReportListenerTestCases.RunscGate.class.getName(),
            "startup() [runsc] in " + RunReportListenerTestCases.RunscGate.class.getName(),
            "set junit.sandbox.runtimes.required=true to make it fail instead");
  }

  @Test
  void aGateWithoutDockerFailsInStrictMode() {
    // WHEN the same suite runs in strict mode
    TestExecutionSummary summary = run(Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN every invocation fails, saying why; nothing is skipped
    assertThat(summary.getTestsSkippedCount()).isZero();
    assertThat(summary.getTestsFailedCount()).isEqualTo(2);
    assertThat(summary.getFailures())
        .allSatisfy(
            failure ->
                assertThat(failure.getException())
                    .hasMessageContaining("Runtime runsc needs Docker, but connection refused")
                    .hasMessageContaining("junit.sandbox.runtimes.required=true"));
    assertThat(printed()).doesNotContain("SKIPPED");
  }

  @Test
  void aRunWithoutSkipsPrintsNoSkipSummary() {
    // WHEN every invocation runs (on the host, which needs no daemon)
    TestExecutionSummary summary =
        run(
            RuntimesExtensionTestCases.HostSandbox.class,
            SuppliedDaemon.registering("runc"),
            Map.of());

    // THEN
    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(printed()).doesNotContain("SKIPPED", "ABORTED");
  }

  private TestExecutionSummary run(Map<String, String> configuration) {
    return run(
        RunReportListenerTestCases.RunscGate.class,
        SuppliedDaemon.unreachable("connection refused"),
        configuration);
  }

  private TestExecutionSummary run(
      Class<?> testCase, SuppliedDaemon daemon, Map<String, String> configuration) {
    Map<String, String> all = new HashMap<>(daemon.configuration());
    all.put(SandboxSettings.REPORTS_DIR, reports.toString());
    all.put(Fixture.ENGINE_RUN, "true");
    all.putAll(configuration);
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestExecutionListeners(
                    new RunReportListener(new PrintStream(console, true, StandardCharsets.UTF_8)),
                    summary)
                .build());
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testCase))
            .configurationParameters(all)
            .enableImplicitConfigurationParameters(false)
            .build());
    return summary.getSummary();
  }

  private String printed() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
