package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A run of a {@link Fixture} class through a launcher with the run report listener, as a build tool
 * makes it, so that the run's report, baseline, gate and history are written: how it ended, each
 * test's (and container's) result by display name, and what the listener printed.
 */
record ReportedRun(Map<String, TestExecutionResult> results, String console) {

  TestExecutionResult result(String displayName) {
    assertThat(results).containsKey(displayName);
    return results.get(displayName);
  }

  Stream<TestExecutionResult> all() {
    return results.values().stream();
  }

  /** Runs {@code fixture} with {@code configuration}, its reports in {@code reports}. */
  static ReportedRun of(Class<?> fixture, Path reports, Map<String, String> configuration) {
    Map<String, String> all = new HashMap<>(configuration);
    all.put(SandboxSettings.REPORTS_DIR, reports.toString());
    all.put(Fixture.ENGINE_RUN, "true");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Map<String, TestExecutionResult> results = new LinkedHashMap<>();
    TestExecutionListener collector =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
            results.put(identifier.getDisplayName(), result); // containers too: a config error
          }
        };
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestExecutionListeners(
                    new RunReportListener(new PrintStream(console, true, StandardCharsets.UTF_8)),
                    collector)
                .build());
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(fixture))
            .configurationParameters(all)
            .enableImplicitConfigurationParameters(false)
            .build());
    return new ReportedRun(results, console.toString(StandardCharsets.UTF_8));
  }
}
