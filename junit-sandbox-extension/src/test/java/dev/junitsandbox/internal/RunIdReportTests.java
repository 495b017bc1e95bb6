package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.report.FigureResult;
import dev.junitsandbox.report.InvocationResult;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Two runs into one reports directory, through a real launcher as Maven Surefire runs them: the
 * report shows only the run's own measurements, whatever an earlier run left in the directory.
 */
class RunIdReportTests {

  @TempDir Path reports;

  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @Test
  void anInvocationThatDoesNotMeasureThisTimeShowsNoFiguresOfTheRunBefore() throws Exception {
    // GIVEN a run that measured both tests, 7.0 each
    RunResult first = run(RunIdReportTestCases.TwoTests.class, 7.0);
    assertThat(first.invocations())
        .extracting(InvocationResult::testMethod)
        .containsExactlyInAnyOrder("always", "sometimes");
    Path earlierFile = reports.resolve(first.invocations().get(0).file()).getParent();
    assertThat(earlierFile).isDirectory();

    // WHEN the next run into the same directory measures 'always' (3.0) and 'sometimes' stops
    // before measuring, its invocation.json of the first run still in its folder
    RunResult second = run(RunIdReportTestCases.TwoTests.class, 0);

    // THEN the second report has 'always' with this run's figure and nothing of 'sometimes'
    assertThat(second.runIds()).hasSize(1).doesNotContainAnyElementsOf(first.runIds());
    assertThat(second.invocations())
        .extracting(InvocationResult::testMethod)
        .containsExactly("always");
    assertThat(second.measurements())
        .flatExtracting(m -> m.figures())
        .extracting(FigureResult::value)
        .containsExactly(1.0);
    assertThat(second.tests())
        .filteredOn(t -> t.displayName().startsWith("sometimes() [host]"))
        .extracting(TestOutcome::status)
        .containsExactly(TestOutcome.Status.ABORTED);
    assertThat(Files.readString(reports.resolve("index.html"), StandardCharsets.UTF_8))
        .contains(second.runIds().get(0))
        .doesNotContain("\"value\" : 7.0");
  }

  @Test
  void aRunThatMeasuresNothingReplacesThePageWithOneSayingSo() throws Exception {
    // GIVEN a run that measured, and its page
    RunResult first = run(RunIdReportTestCases.OneTest.class, 7.0);
    assertThat(first.measurements()).hasSize(1);
    String firstPage = Files.readString(reports.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(firstPage).contains("\"value\" : 7.0");

    // WHEN the next run measures nothing
    RunResult second = run(RunIdReportTestCases.OneTest.class, 0);

    // THEN results.json and index.html are this run's, with no measurement, and the console says so
    assertThat(second.invocations()).isEmpty();
    assertThat(second.tests()).extracting(TestOutcome::status).contains(TestOutcome.Status.ABORTED);
    assertThat(Files.readString(reports.resolve("index.html"), StandardCharsets.UTF_8))
        .isNotEqualTo(firstPage)
        .contains(second.runIds().get(0))
        .doesNotContain("\"value\" : 7.0");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("[junit-sandbox] this run measured nothing; report: ");
  }

  /** Runs {@code testCase} through a launcher with the report listener; returns results.json. */
  private RunResult run(Class<?> testCase, double value) {
    RunIdReportTestCases.value = value;
    Map<String, String> configuration =
        new HashMap<>(SuppliedDaemon.unreachable("connection refused").configuration());
    configuration.put(SandboxSettings.REPORTS_DIR, reports.toString());
    configuration.put(Fixture.ENGINE_RUN, "true");
    Launcher launcher =
        LauncherFactory.create(
            LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestExecutionListeners(
                    new RunReportListener(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .build());
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(testCase))
            .configurationParameters(configuration)
            .enableImplicitConfigurationParameters(false)
            .build());
    return RunResult.read(reports.resolve("results.json"));
  }
}
