package dev.junitsandbox.internal;

import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.report.GateTable;
import dev.junitsandbox.internal.report.RunReport;
import dev.junitsandbox.internal.report.Trend;
import dev.junitsandbox.report.RunResult;
import dev.junitsandbox.report.TestOutcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes the run report ({@code index.html}, {@code results.json}) when a test plan finishes and
 * prints the summary table. Registered through {@code META-INF/services}, so it works under Maven
 * Surefire, Gradle and IDEs alike. It never fails the run: a report that cannot be written is a
 * warning, and the invocation reports stay as they are.
 */
public class RunReportListener implements TestExecutionListener {

  private final List<TestOutcome> outcomes = new ArrayList<>();
  private final Set<String> runIds = new LinkedHashSet<>();
  private final PrintStream console;
  private Path reportsDir = Path.of(SandboxSettings.DEFAULT_REPORTS_DIR);
  private boolean runtimesRequired;
  private Path saveBaseline;
  private Path history;
  private Instant started = Instant.now();

  /** Prints to standard output; the JUnit Platform creates it through {@code ServiceLoader}. */
  public RunReportListener() {
    this(null);
  }

  /**
   * @param console where the summaries go, or {@code null} for {@code System.out} as it is when
   *     they are printed (a build tool may redirect it after this listener was created)
   */
  RunReportListener(PrintStream console) {
    this.console = console;
  }

  private PrintStream console() {
    return console == null ? System.out : console;
  }

  @Override
  public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
    outcomes.clear();
    runIds.clear();
    started = Instant.now();
    ConfigurationParameters parameters = testPlan.getConfigurationParameters();
    reportsDir = Settings.reportsDir(parameters::get);
    try {
      runtimesRequired = Settings.runtimesRequired(parameters::get);
    } catch (ExtensionConfigurationException invalid) {
      // every invocation fails with this error; the summary need not say it again
      runtimesRequired = false;
    }
    try {
      saveBaseline = Settings.gateSaveBaseline(parameters::get).orElse(null);
    } catch (ExtensionConfigurationException refused) {
      // every invocation fails with this error, and nothing is saved: the baseline stays as it is
      saveBaseline = null;
    }
    try {
      history = Settings.gateHistory(parameters::get).orElse(null);
    } catch (ExtensionConfigurationException refused) {
      // every invocation fails with this error, and nothing is appended: that file is not a history
      history = null;
    }
  }

  /**
   * Echoes junit-sandbox's report entries to standard output: IDEs show report entries natively,
   * but Maven Surefire drops them, and it does keep a test's output in its XML report.
   */
  @Override
  public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
    String runId = entry.getKeyValuePairs().get(RunResources.RUN_ENTRY);
    if (runId != null) {
      synchronized (this) {
        runIds.add(runId); // this run's invocation.json files carry it
      }
      return;
    }
    entry
        .getKeyValuePairs()
        .forEach(
            (key, value) -> {
              if (key.contains("@")) { // probe@runtime: ours
                console()
                    .printf("[junit-sandbox] %s %s: %s%n", identifier.getDisplayName(), key, value);
              }
            });
  }

  @Override
  public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
    outcomes.add(
        new TestOutcome(
            identifier.getUniqueId(), displayName(identifier), TestOutcome.Status.SKIPPED, reason));
  }

  @Override
  public synchronized void executionFinished(
      TestIdentifier identifier, TestExecutionResult result) {
    String reason =
        result
            .getThrowable()
            .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
            .orElse("");
    outcomes.add(
        new TestOutcome(
            identifier.getUniqueId(),
            displayName(identifier),
            TestOutcome.Status.valueOf(result.getStatus().name()),
            reason));
  }

  private static String displayName(TestIdentifier identifier) {
    // "getpid() [runsc]" alone does not say which class; the legacy name does not say the runtime
    return identifier.getLegacyReportingName().equals(identifier.getDisplayName())
        ? identifier.getDisplayName()
        : identifier.getDisplayName()
            + " in "
            + identifier.getUniqueId().replaceAll(".*\\[class:([^\\]]+)\\].*", "$1");
  }

  @Override
  public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
    try {
      writeReport();
    } finally {
      // last, so it is what a CI log ends with: a green run that skipped its runtimes says so
      console()
          .print(
              RunReport.skipSummary(
                  outcomes,
                  runtimesRequired
                      ? ""
                      : "A missing runtime skips its tests, so a CI gate can pass without measuring"
                          + " anything: set "
                          + SandboxSettings.RUNTIMES_REQUIRED
                          + "=true to make it fail instead."));
      console().flush();
    }
  }

  /**
   * Saves the run as a baseline where junit.sandbox.gate.save-baseline says; warns if it cannot.
   */
  private void saveBaseline(RunResult run) {
    if (saveBaseline == null) {
      return;
    }
    try {
      RunReport.saveBaseline(saveBaseline, run);
      console()
          .printf(
              "[junit-sandbox] saved this run as a baseline candidate: %s (review it, then commit"
                  + " it and gate with -D%s=%s)%n",
              saveBaseline.toAbsolutePath(), SandboxSettings.GATE_BASELINE, saveBaseline);
    } catch (RuntimeException e) {
      System.err.printf(
          "[junit-sandbox] warning: cannot save the baseline %s: %s%n",
          saveBaseline.toAbsolutePath(), e);
    }
  }

  /** Says where the run was appended to the history, and what of the history could not be read. */
  private void reportHistory(Trend trend) {
    if (trend == null) {
      return;
    }
    trend.notes().forEach(note -> console().printf("[junit-sandbox] history: %s%n", note));
    console()
        .printf(
            "[junit-sandbox] run %d of the history %s (the page's Trend shows the last %d)%n",
            trend.runs(), history.toAbsolutePath(), trend.shown().size());
  }

  private void writeReport() {
    try {
      Optional<RunReport.Publication> published =
          RunReport.publish(reportsDir, outcomes, runIds, started, Instant.now(), history);
      if (published.isEmpty()) {
        return;
      }
      RunResult run = published.get().run();
      saveBaseline(run);
      reportHistory(published.get().trend());
      Path html = reportsDir.resolve(RunReport.HTML_FILE);
      if (run.measurements().isEmpty()) {
        console()
            .printf(
                "%n[junit-sandbox] this run measured nothing; report: %s%n",
                html.toAbsolutePath().toUri());
        return;
      }
      console()
          .printf(
              "%n[junit-sandbox] run summary: headline figure per runtime (ratio to host)%n%s"
                  + "[junit-sandbox] report: %s%n",
              RunReport.consoleSummary(run), html.toAbsolutePath().toUri());
      if (run.gate() != null) {
        console().printf("%n%s", GateTable.console(run.gate()));
        String stepSummary = System.getenv("GITHUB_STEP_SUMMARY");
        Path summary =
            RunReport.writeGateSummary(
                reportsDir,
                run.gate(),
                stepSummary == null || stepSummary.isBlank() ? null : Path.of(stepSummary));
        console().printf("[junit-sandbox] gate summary: %s%n", summary.toAbsolutePath().toUri());
      }
    } catch (RuntimeException e) {
      System.err.printf(
          "[junit-sandbox] warning: cannot write the run report in %s: %s%n"
              + "The per-invocation reports there are intact.%n",
          reportsDir.toAbsolutePath(), e);
    }
  }
}
