package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.gate.GateVerdict;
import dev.junitsandbox.internal.report.GateTable;
import dev.junitsandbox.internal.report.RunReport;
import dev.junitsandbox.report.BaselineGateFigure;
import dev.junitsandbox.report.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The stored-baseline gate ({@code junit.sandbox.gate.baseline}, {@code .save-baseline}) end to
 * end: real runs of getpid on the host and runc through the launcher, so the run report's listener
 * saves the baseline and writes the gate's table and summary. One baseline of 6 rounds is saved for
 * the class; every gated run reads it.
 */
class GateBaselineTests {

  @TempDir static Path shared;
  private static Path baseline;

  @TempDir Path reports;

  @BeforeAll
  static void saveBaseline() {
    baseline = shared.resolve("baselines").resolve("getpid.json"); // the parent does not exist
    ReportedRun saved =
        run(
            shared.resolve("baseline-reports"),
            Map.of(
                SandboxSettings.ROUNDS,
                "6",
                SandboxSettings.GATE_SAVE_BASELINE,
                baseline.toString()));
    assertThat(saved.all()).allMatch(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL);
  }

  @Test
  void aSavedBaselineIsTheRunsResultsWithTheMachine() {
    // WHEN the baseline saved by the run before all tests is read
    RunResult read = RunResult.read(baseline);

    // THEN it is the run's results, every round of both runtimes, with the machine's size
    assertThat(read.schema()).isEqualTo("junit-sandbox/results/4");
    assertThat(read.invocations()).hasSize(12);
    assertThat(read.environment().memoryBytes()).isPositive();
    assertThat(read.environment().cpus()).isPositive();
    assertThat(read.gate()).isNull();
    assertThat(baseline.getParent()).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void anImmediateRerunGivesNoRegression() {
    // WHEN the same tests run again, gated against the baseline; a wide tolerance, since two runs
    // minutes apart on a shared machine can differ by a third (design.md) and this test must not
    // flake
    ReportedRun gated =
        run(
            reports,
            Map.of(
                SandboxSettings.ROUNDS, "6",
                SandboxSettings.GATE_BASELINE, baseline.toString(),
                SandboxSettings.GATE_TOLERANCE, "0.5"));

    // THEN no invocation fails; each runtime's last round is gated, runc relative to the host
    assertThat(gated.all()).noneMatch(r -> r.getStatus() == TestExecutionResult.Status.FAILED);
    RunResult run = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    assertThat(run.gate()).isNotNull();
    assertThat(run.gate().problem()).isNull();
    assertThat(run.gate().baseline()).isEqualTo(baseline.toString());
    assertThat(run.gate().figures())
        .extracting(
            BaselineGateFigure::runtime, BaselineGateFigure::figure, BaselineGateFigure::mode)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("host", "p50", BaselineGateFigure.DIRECT),
            org.assertj.core.groups.Tuple.tuple(
                "runc", "p50", BaselineGateFigure.RELATIVE_TO_HOST));
    assertThat(run.gate().figures())
        .allSatisfy(
            f -> {
              assertThat(f.verdict()).isNotEqualTo(GateVerdict.REGRESSION);
              assertThat(f.baselineTrials()).isEqualTo(6);
              assertThat(f.currentTrials()).isEqualTo(6);
              assertThat(f.p()).isBetween(0.0, 1.0);
            });
    // the benchstat-like table and the Markdown summary
    assertThat(gated.console())
        .contains("gate against the baseline " + baseline)
        .contains("figure", "baseline", "this run", "change", "interval")
        .contains("Getpid.getpid() runc p50");
    assertThat(reports.resolve(GateTable.SUMMARY_FILE))
        .content()
        .contains("## junit-sandbox gate", "| GateBaselineTestCases$Getpid.getpid() runc p50 |");
  }

  @Test
  void gVisorInPlaceOfRuncFailsTheLastRoundWithTheRegression() {
    // WHEN runc's id runs under gVisor: the same test and runtime id, a much slower getpid
    ReportedRun gated =
        run(
            reports,
            Map.of(
                SandboxSettings.ROUNDS,
                "6",
                SandboxSettings.GATE_BASELINE,
                baseline.toString(),
                SandboxSettings.GATE_TOLERANCE,
                "0.5",
                "junit.sandbox.runtime.runc.docker-name",
                "runsc"));

    // THEN runc's last round fails with the regression and all a reader needs; the rest pass
    TestExecutionResult last = gated.result("getpid() [runc] round 6 of 6");
    assertThat(last.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(last.getThrowable()).get().isInstanceOf(AssertionFailedError.class);
    String message = last.getThrowable().orElseThrow().getMessage();
    assertThat(message)
        .contains(
            "gate: p50 of GateBaselineTestCases$Getpid.getpid() on runc (syscall.getpid) regressed")
        .containsPattern("[0-9.]+ [nu]s \\([0-9.]+x host\\) -> [0-9.]+ [nu]s \\([0-9.]+x host\\)")
        .containsPattern("\\+[0-9.]+%")
        .containsPattern("99% interval \\[[0-9.]+, [0-9.]+\\]")
        .containsPattern("p=[0-9.e-]+")
        .contains("6 rounds in the baseline and 6 in this run")
        .contains("tolerance 50% at alpha 0.01")
        .contains("mode: relative to the host")
        .contains("runtime runc Docker name: runc -> runsc")
        .contains("Baseline: " + baseline.toAbsolutePath().normalize() + " (run ")
        .contains(
            "mvn verify -Djunit.sandbox.rounds=6 -Djunit.sandbox.gate.save-baseline=" + baseline);
    assertThat(gated.results())
        .allSatisfy(
            (name, result) -> {
              if (name.equals("getpid() [host] round 6 of 6")) {
                // the host against its own baseline: no change, or inconclusive (aborted) should
                // a round stray by half on this shared machine; never a failure
                assertThat(result.getStatus())
                    .as(name)
                    .isNotEqualTo(TestExecutionResult.Status.FAILED);
              } else if (!name.equals("getpid() [runc] round 6 of 6")) {
                assertThat(result.getStatus())
                    .as(name)
                    .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
              }
            });
    RunResult run = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    assertThat(run.gate().figures())
        .filteredOn(f -> f.runtime().equals("runc"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.verdict()).isEqualTo(GateVerdict.REGRESSION);
              assertThat(f.ratio()).isGreaterThan(1.5);
              assertThat(f.changes()).contains("runtime runc Docker name: runc -> runsc");
            });
    assertThat(gated.console()).containsPattern("Getpid.getpid\\(\\) runc p50 .* -\\n");
  }

  @Test
  void runcAfterAGvisorBaselineIsAnImprovementThatPassesAndSuggestsANewBaseline() {
    // GIVEN a baseline in which runc's id ran under gVisor
    Path slow = shared.resolve("gvisor-as-runc.json");
    ReportedRun saved =
        run(
            shared.resolve("gvisor-reports"),
            Map.of(
                SandboxSettings.ROUNDS,
                "6",
                SandboxSettings.GATE_SAVE_BASELINE,
                slow.toString(),
                "junit.sandbox.runtime.runc.docker-name",
                "runsc"));
    assertThat(saved.all()).allMatch(r -> r.getStatus() == TestExecutionResult.Status.SUCCESSFUL);

    // WHEN runc runs as runc again, gated against it
    ReportedRun gated =
        run(
            reports,
            Map.of(
                SandboxSettings.ROUNDS, "6",
                SandboxSettings.GATE_BASELINE, slow.toString(),
                SandboxSettings.GATE_TOLERANCE, "0.5"));

    // THEN runc improved: it passes, and the console says to save a new baseline
    assertThat(gated.result("getpid() [runc] round 6 of 6").getStatus())
        .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    RunResult run = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    assertThat(run.gate().figures())
        .filteredOn(f -> f.runtime().equals("runc"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.verdict()).isEqualTo(GateVerdict.IMPROVEMENT);
              assertThat(f.changes()).contains("runtime runc Docker name: runsc -> runc");
            });
    assertThat(gated.console())
        .contains("gate p50@runc: IMPROVEMENT")
        .contains("Consider saving a new baseline: mvn verify -Djunit.sandbox.rounds=6")
        .containsPattern("GateBaselineTestCases\\$Getpid.getpid\\(\\) runc p50 .* \\+\\n");
  }

  @Test
  void tooFewRoundsAreInconclusiveAndSaySoAborted() {
    // WHEN the gated run has 2 rounds
    ReportedRun gated =
        run(
            reports,
            Map.of(
                SandboxSettings.ROUNDS, "2", SandboxSettings.GATE_BASELINE, baseline.toString()));

    // THEN the last rounds are aborted (skipped), with the fix
    TestExecutionResult last = gated.result("getpid() [runc] round 2 of 2");
    assertThat(last.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
    assertThat(last.getThrowable().orElseThrow())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("2 rounds in this run and 6 in the baseline")
        .hasMessageContaining("set junit.sandbox.rounds to at least 6 in both runs");
  }

  @Test
  void aBaselineFromAnotherMachineIsNoComparableBaselineNeverARegression() throws Exception {
    // GIVEN the baseline as if saved on another CPU
    Path other = shared.resolve("other-machine.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(baseline.toFile());
    ((ObjectNode) tree.get("environment")).put("cpuModel", "Imaginary CPU 9000");
    json.writeValue(other.toFile(), tree);

    // WHEN gated against it, strictly
    ReportedRun gated =
        run(
            reports,
            Map.of(
                SandboxSettings.ROUNDS, "2",
                SandboxSettings.GATE_BASELINE, other.toString(),
                SandboxSettings.GATE_STRICT, "true"));

    // THEN inconclusive, naming what differs: strict mode fails it instead of aborting
    TestExecutionResult last = gated.result("getpid() [host] round 2 of 2");
    assertThat(last.getThrowable().orElseThrow())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining(
            "is inconclusive: no comparable baseline: CPU model 'Imaginary CPU 9000' in the baseline")
        .hasMessageContaining("junit.sandbox.gate.strict=true")
        .hasMessageNotContaining("regressed");
  }

  static Stream<Arguments> brokenBaselines() {
    return Stream.of(
        Arguments.of("missing", null, "the file does not exist"),
        Arguments.of(
            "truncated",
            "{\"schema\": \"junit-sandbox/results/4\", \"started\": ",
            "it is not complete JSON"),
        Arguments.of(
            "foreign",
            "{\"name\": \"my-app\", \"version\": \"1.0\"}",
            "it is not a junit-sandbox results file"),
        Arguments.of(
            "older schema",
            "{\"schema\": \"junit-sandbox/results/3\", \"started\": \"2026-11-20T10:00:00Z\","
                + " \"finished\": \"2026-11-20T10:05:00Z\"}",
            "it is of an older schema, junit-sandbox/results/3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenBaselines")
  void aBrokenBaselineFailsEveryGatedInvocationAndTheReportIsStillWritten(
      String what, String content, String problem) throws Exception {
    // GIVEN
    Path file = shared.resolve(what.replace(' ', '-') + ".json");
    if (content != null) {
      Files.writeString(file, content);
    }

    // WHEN
    ReportedRun gated =
        run(
            reports,
            Map.of(SandboxSettings.ROUNDS, "2", SandboxSettings.GATE_BASELINE, file.toString()));

    // THEN each runtime's last round fails with the file, the problem and the fix; the first round
    // passes and everything measured is in the report
    for (String runtime : new String[] {"host", "runc"}) {
      assertThat(gated.result("getpid() [" + runtime + "] round 1 of 2").getStatus())
          .isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
      assertThat(
              gated.result("getpid() [" + runtime + "] round 2 of 2").getThrowable().orElseThrow())
          .isInstanceOf(AssertionFailedError.class)
          .hasMessageContaining("The gate's baseline " + file.toAbsolutePath().normalize())
          .hasMessageContaining(problem)
          .hasMessageContaining("Fix: ")
          .hasMessageContaining("-Djunit.sandbox.gate.save-baseline=" + file);
    }
    RunResult run = RunResult.read(reports.resolve(RunReport.RESULTS_FILE));
    assertThat(run.measurements()).hasSize(4);
    assertThat(run.gate().problem()).contains(problem);
    assertThat(reports.resolve(GateTable.SUMMARY_FILE)).content().contains(problem);
  }

  @Test
  void aRunNeverRewritesTheBaselineItIsGatedAgainst() throws Exception {
    // GIVEN
    byte[] before = Files.readAllBytes(baseline);

    // WHEN both keys name the baseline
    ReportedRun refused =
        run(
            reports,
            Map.of(
                SandboxSettings.ROUNDS, "1",
                SandboxSettings.GATE_BASELINE, baseline.toString(),
                SandboxSettings.GATE_SAVE_BASELINE,
                    baseline.getParent().resolve(".").resolve("getpid.json").toString()));

    // THEN the test fails with the configuration error before it runs, and the baseline is as it
    // was
    assertThat(refused.result("getpid(Sandbox)").getThrowable().orElseThrow())
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageContaining("a run never rewrites the baseline it is gated against")
        .hasMessageContaining(baseline.toAbsolutePath().normalize().toString());
    assertThat(refused.results().keySet()).noneMatch(name -> name.contains("round"));
    assertThat(Files.readAllBytes(baseline)).isEqualTo(before);
  }

  /** Runs {@link GateBaselineTestCases.Getpid} through a launcher with the run report listener. */
  private static ReportedRun run(Path reports, Map<String, String> configuration) {
    return ReportedRun.of(GateBaselineTestCases.Getpid.class, reports, configuration);
  }
}
