package dev.junitsandbox.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.report.BaselineGate;
import dev.junitsandbox.report.BaselineGateFigure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's Markdown summary: in the reports directory, and appended to a CI's job summary. */
class GateSummaryTests {

  @TempDir Path directory;

  private static final BaselineGate GATE =
      new BaselineGate(
          "baselines/ci.json",
          Instant.parse("2026-11-20T10:00:00Z"),
          List.of("20261120T100000Z-1a2b3c4d"),
          null,
          List.of(
              new BaselineGateFigure(
                  "[class:T]/[test-template:getpid()]/[test-template-invocation:#12]",
                  "T.getpid()",
                  "runc",
                  "syscall.getpid",
                  "p50",
                  "ns",
                  BaselineGateFigure.RELATIVE_TO_HOST,
                  GateVerdict.REGRESSION,
                  227.0,
                  12_000.0,
                  58.8,
                  40.8,
                  null,
                  0.0022,
                  6,
                  6,
                  List.of(230.0, 225.0, 227.0, 229.0, 224.0, 228.0),
                  List.of(12_000.0, 11_800.0, 12_100.0, 12_050.0, 11_900.0, 12_020.0),
                  0.05,
                  0.01,
                  List.of("runtime runc Docker name: runc -> runsc"),
                  "gate: p50 of T.getpid() on runc (syscall.getpid) regressed against the baseline")));

  @Test
  void writesTheTableAndAppendsItToTheStepSummary() throws Exception {
    // GIVEN a job summary an earlier step wrote
    Path stepSummary = directory.resolve("step-summary.md");
    Files.writeString(stepSummary, "# Build\n\nearlier step\n");

    // WHEN
    Path file = RunReport.writeGateSummary(directory.resolve("reports"), GATE, stepSummary);

    // THEN the summary file holds the table; the job summary keeps the earlier step's and gains it
    assertThat(file).hasFileName(GateTable.SUMMARY_FILE);
    assertThat(file)
        .content()
        .contains("## junit-sandbox gate")
        .contains("Baseline: `baselines/ci.json (run 20261120T100000Z-1a2b3c4d, started")
        .contains(
            "| T.getpid() runc p50 | 227 ns | 12.0 us | +5780.0% | [40.80, inf] | 0.0022 |"
                + " relative to host | `-` regression |")
        .contains("- gate: p50 of T.getpid() on runc (syscall.getpid) regressed");
    assertThat(stepSummary)
        .content()
        .startsWith("# Build\n\nearlier step\n")
        .contains(Files.readString(file));
  }

  @Test
  void theConsoleTableHasAMarkPerFigure() {
    assertThat(GateTable.console(GATE))
        .contains("gate against the baseline baselines/ci.json")
        .containsPattern("T.getpid\\(\\) runc p50 +227 ns +12.0 us +\\+5780.0% .* -\\n")
        .contains("1 figure(s) gated, 1 regression(s)");
  }

  @Test
  void aBrokenBaselineIsSaidInsteadOfATable() {
    BaselineGate broken =
        new BaselineGate(
            "missing.json",
            null,
            List.of(),
            "The gate's baseline missing.json cannot be used",
            List.of());

    assertThat(GateTable.markdown(broken))
        .contains("**The baseline cannot be used.** The gate's baseline missing.json")
        .doesNotContain("| figure |");
  }
}
