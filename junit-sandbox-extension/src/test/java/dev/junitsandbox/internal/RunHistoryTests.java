package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.internal.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The run history ({@code junit.sandbox.gate.history}) end to end: real runs of getpid on the host
 * through a launcher with the run report's listener, which appends each run's line and draws the
 * page's trend from the history.
 */
class RunHistoryTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void twoRunsAppendTwoLinesAndTheSecondPageDrawsTwoPointsPerSeries() throws Exception {
    // GIVEN a history in a directory that does not exist yet, and a first run
    Path history = work.resolve("cache").resolve("history").resolve("runs.jsonl");
    ReportedRun first = run(work.resolve("first"), Map.of(SandboxSettings.ROUNDS, "3"), history);
    assertThat(first.all()).allMatch(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL);
    assertThat(Files.readAllLines(history)).hasSize(1);
    String firstLine = Files.readAllLines(history).get(0);

    // WHEN a second run appends to it
    Path reports = work.resolve("second");
    ReportedRun second = run(reports, Map.of(SandboxSettings.ROUNDS, "2"), history);

    // THEN two lines, the first as it was; each is one run with its machine, versions and series
    List<String> lines = Files.readAllLines(history);
    assertThat(lines).as("the history; the second run printed: %s", second.console()).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(firstLine);
    JsonNode last = JSON.readTree(lines.get(1));
    assertThat(last.path("schema").asText()).isEqualTo("junit-sandbox/history/1");
    assertThat(last.path("runIds")).hasSize(1);
    assertThat(last.path("started").asText()).isNotEmpty();
    assertThat(last.path("environment").path("cpuModel").asText()).isNotEmpty();
    assertThat(last.path("environment").path("memoryBytes").asLong()).isPositive();
    assertThat(last.path("environment").path("kernel").asText()).isNotEmpty();
    assertThat(last.path("runtimes").get(0).path("id").asText()).isEqualTo("host");
    JsonNode series = last.path("series");
    assertThat(series).hasSize(1);
    assertThat(series.get(0).path("group").asText()).contains("getpid", "syscall.getpid");
    assertThat(series.get(0).path("runtime").asText()).isEqualTo("host");
    assertThat(series.get(0).path("figure").asText()).isEqualTo("p50");
    assertThat(series.get(0).path("unit").asText()).isEqualTo("ns");
    assertThat(series.get(0).path("better").asText()).isEqualTo("LOWER");
    assertThat(series.get(0).path("trials").asInt()).isEqualTo(2);
    assertThat(series.get(0).path("min").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(series.get(0).path("median").asDouble());
    assertThat(series.get(0).path("max").asDouble())
        .isGreaterThanOrEqualTo(series.get(0).path("median").asDouble());
    assertThat(series.get(0).has("verdict")).isFalse(); // not gated
    assertThat(JSON.readTree(lines.get(0)).path("series").get(0).path("trials").asInt())
        .isEqualTo(3);
    // the second page: both runs, this one last, and a point of each run per series
    JsonNode trend = trendOf(reports);
    assertThat(trend.path("runs").asInt()).isEqualTo(2);
    assertThat(trend.path("cap").asInt()).isEqualTo(30);
    assertThat(trend.path("shown")).hasSize(2);
    assertThat(trend.path("shown").get(0).path("current").asBoolean()).isFalse();
    assertThat(trend.path("shown").get(1).path("current").asBoolean()).isTrue();
    assertThat(trend.path("shown").get(1).path("label").asText())
        .startsWith("#2 ")
        .endsWith(" (this run)");
    assertThat(trend.path("series")).hasSize(1);
    JsonNode points = trend.path("series").get(0).path("points");
    assertThat(points).hasSize(2);
    assertThat(points.get(0).path("run").asInt()).isZero();
    assertThat(points.get(0).path("trials").asInt()).isEqualTo(3);
    assertThat(points.get(1).path("run").asInt()).isEqualTo(1);
    assertThat(points.get(1).path("median").asDouble())
        .isEqualTo(series.get(0).path("median").asDouble());
    assertThat(trend.path("notes")).isEmpty();
    assertThat(second.console())
        .contains("run 2 of the history " + history.toAbsolutePath())
        .contains("the page's Trend shows the last 2");
    // results.json stays the run: the history is not in it
    assertThat(reports.resolve(RunReport.RESULTS_FILE)).content().doesNotContain("\"trend\"");
  }

  @Test
  void aGatedRunRecordsEachGatedFiguresVerdictAndItsPointIsMarked() throws Exception {
    // GIVEN a baseline of 2 rounds, saved by a run that also starts the history
    Path history = work.resolve("runs.jsonl");
    Path baseline = work.resolve("baseline.json");
    run(
        work.resolve("saved"),
        Map.of(
            SandboxSettings.ROUNDS, "2", SandboxSettings.GATE_SAVE_BASELINE, baseline.toString()),
        history);

    // WHEN a run is gated against it (2 rounds are too few to decide: inconclusive)
    Path reports = work.resolve("gated");
    run(
        reports,
        Map.of(SandboxSettings.ROUNDS, "2", SandboxSettings.GATE_BASELINE, baseline.toString()),
        history);

    // THEN its line names the baseline and the verdict on the gated figure; the page marks it
    JsonNode last = JSON.readTree(Files.readAllLines(history).get(1));
    assertThat(last.path("baseline").asText()).isEqualTo(baseline.toString());
    assertThat(last.path("series").get(0).path("verdict").asText()).isEqualTo("INCONCLUSIVE");
    JsonNode points = trendOf(reports).path("series").get(0).path("points");
    assertThat(points).hasSize(2);
    assertThat(points.get(0).has("verdict")).isFalse();
    assertThat(points.get(1).path("verdict").asText()).isEqualTo("INCONCLUSIVE");
    assertThat(points.get(1).path("text").asText()).endsWith(", 2 rounds, gate: INCONCLUSIVE");
  }

  @Test
  void aRunWithoutRoundsStillAppendsItsLine() throws Exception {
    // WHEN a run of one round (no trial series) records into the history
    Path history = work.resolve("runs.jsonl");
    Path reports = work.resolve("reports");
    run(reports, Map.of(SandboxSettings.ROUNDS, "1"), history);

    // THEN its line is there, without series, so that the count of runs is honest
    List<String> lines = Files.readAllLines(history);
    assertThat(lines).hasSize(1);
    assertThat(JSON.readTree(lines.get(0)).path("series")).isEmpty();
    JsonNode trend = trendOf(reports);
    assertThat(trend.path("runs").asInt()).isEqualTo(1);
    assertThat(trend.path("series")).isEmpty();
  }

  @Test
  void aLineThatCannotBeReadIsSkippedWithANoteAndLeftAsItIs() throws Exception {
    // GIVEN a history with a line of another version's schema and a line cut short (no newline)
    Path history = work.resolve("runs.jsonl");
    String before =
        "{\"schema\": \"junit-sandbox/history/99\", \"runIds\": []}\n{\"schema\": \"junit-sandb";
    Files.writeString(history, before);

    // WHEN a run appends to it
    Path reports = work.resolve("reports");
    ReportedRun outcome = run(reports, Map.of(SandboxSettings.ROUNDS, "2"), history);

    // THEN both lines stay as they were, the run's line follows on a line of its own, and the
    // console and the page say which lines were skipped and why
    assertThat(outcome.all()).allMatch(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL);
    String after = Files.readString(history);
    assertThat(after).startsWith(before + "\n");
    List<String> lines = Files.readAllLines(history);
    assertThat(lines).hasSize(3);
    assertThat(JSON.readTree(lines.get(2)).path("schema").asText())
        .isEqualTo("junit-sandbox/history/1");
    String where = history.toAbsolutePath().toString();
    assertThat(outcome.console())
        .contains(
            "history: line 1 of the history "
                + where
                + " skipped: of schema 'junit-sandbox/history/99', which this version does not"
                + " read")
        .contains("history: line 2 of the history " + where + " skipped: not JSON")
        .contains("run 1 of the history");
    JsonNode trend = trendOf(reports);
    assertThat(trend.path("runs").asInt()).isEqualTo(1);
    assertThat(trend.path("notes")).hasSize(2);
    assertThat(trend.path("notes").get(1).asText()).contains("line 2 of the history", "not JSON");
    assertThat(trend.path("series").get(0).path("points")).hasSize(1);
  }

  @Test
  void aHistoryNamingTheBaselineIsRefusedAndNothingIsAppended() throws Exception {
    // GIVEN a baseline
    Path baseline = work.resolve("baseline.json");
    run(
        work.resolve("saved"),
        Map.of(
            SandboxSettings.ROUNDS, "1", SandboxSettings.GATE_SAVE_BASELINE, baseline.toString()),
        null);
    byte[] before = Files.readAllBytes(baseline);

    // WHEN the history names it too, spelled another way
    ReportedRun refused =
        run(
            work.resolve("refused"),
            Map.of(SandboxSettings.ROUNDS, "1", SandboxSettings.GATE_BASELINE, baseline.toString()),
            work.resolve(".").resolve("baseline.json"));

    // THEN the test fails with a configuration error naming both keys and the file; the baseline
    // is as it was
    assertThat(refused.results().get("getpid(Sandbox)").getThrowable().orElseThrow())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "junit.sandbox.gate.history and junit.sandbox.gate.baseline both name "
                + baseline.toAbsolutePath().normalize())
        .hasMessageContaining("Give the history its own file")
        .hasMessageContaining("-Djunit.sandbox.gate.history=sandbox-history/runs.jsonl");
    assertThat(Files.readAllBytes(baseline)).isEqualTo(before);
    assertThat(refused.console()).doesNotContain("of the history");
  }

  @Test
  void aHistoryNamingTheSavedBaselineOrTheReportsOwnFilesIsRefused() {
    Path reports = work.resolve("reports");
    Map<String, String> savedBaseline =
        Map.of(
            SandboxSettings.GATE_SAVE_BASELINE, "target/new.json",
            SandboxSettings.GATE_HISTORY, "target/new.json");
    assertThatThrownBy(
            () -> Settings.gateHistory(key -> Optional.ofNullable(savedBaseline.get(key))))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining(
            "junit.sandbox.gate.history and junit.sandbox.gate.save-baseline both name "
                + Path.of("target/new.json").toAbsolutePath());
    for (String file : List.of(RunReport.RESULTS_FILE, RunReport.HTML_FILE)) {
      Map<String, String> reportFile =
          Map.of(
              SandboxSettings.REPORTS_DIR, reports.toString(),
              SandboxSettings.GATE_HISTORY, reports.resolve(file).toString());
      assertThatThrownBy(
              () -> Settings.gateHistory(key -> Optional.ofNullable(reportFile.get(key))))
          .isInstanceOf(ExtensionConfigurationException.class)
          .hasMessageContaining(
              "junit.sandbox.gate.history and the "
                  + file
                  + " this run's report writes (junit.sandbox.reports.dir is "
                  + reports
                  + ") both name");
    }
    // a file of its own is fine, and unset is no history
    assertThat(
            Settings.gateHistory(
                key ->
                    Optional.ofNullable(
                        Map.of(SandboxSettings.GATE_HISTORY, " history/runs.jsonl ").get(key))))
        .contains(Path.of("history/runs.jsonl"));
    assertThat(Settings.gateHistory(key -> Optional.empty())).isEmpty();
  }

  /** The trend the page embeds for its Trend section. */
  private static JsonNode trendOf(Path reports) throws Exception {
    String html = Files.readString(reports.resolve(RunReport.HTML_FILE));
    Matcher trend =
        Pattern.compile("\nconst TREND = (.*?);</script>", Pattern.DOTALL).matcher(html);
    assertThat(trend.find()).as("the page embeds a trend").isTrue();
    JsonNode json = JSON.readTree(trend.group(1));
    assertThat(json.isObject()).as("a trend, not null: %s", trend.group(1)).isTrue();
    return json;
  }

  /**
   * Runs {@link RunHistoryTestCases.HostGetpid} through a launcher with the run report listener,
   * appending to {@code history} where it is not null.
   */
  private static ReportedRun run(Path reports, Map<String, String> configuration, Path history) {
    Map<String, String> all = new HashMap<>(configuration);
    if (history != null) {
      all.put(SandboxSettings.GATE_HISTORY, history.toString());
    }
    return ReportedRun.of(RunHistoryTestCases.HostGetpid.class, reports, all);
  }
}
