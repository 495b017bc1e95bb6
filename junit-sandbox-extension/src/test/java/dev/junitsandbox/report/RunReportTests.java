package dev.junitsandbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTests {

  static final Environment ENVIRONMENT =
      new Environment("6.1.0", "AMD EPYC", 2, "Debian GNU/Linux 12", "20.10.24", "1.41", "17");

  @TempDir Path reports;

  /**
   * Writes the invocation reports of a small run (getpid, an HTTP figure with samples and a latency
   * distribution, a figures-only footprint, one skipped Kata invocation) and returns its outcomes.
   */
  static List<TestOutcome> writeRun(Path reports) {
    List<TestOutcome> outcomes = new ArrayList<>();
    for (String runtime : List.of("host", "runc", "runsc")) {
      long factor =
          switch (runtime) {
            case "runc" -> 12;
            case "runsc" -> 1_300;
            default -> 10;
          };
      InvocationReport getpid = invocation(reports, "getpid", runtime, outcomes);
      getpid.add(Measurements.getpid(runtime, 10 * factor, 11 * factor, 12 * factor, 40 * factor));
      InvocationReport http = invocation(reports, "nginx", runtime, outcomes);
      http.add(http(runtime, runtime.equals("runsc") ? 450 : 25_000));
      if (!runtime.equals("host")) {
        InvocationReport footprint = invocation(reports, "footprint", runtime, outcomes);
        double base = runtime.equals("runsc") ? 60 : 4;
        footprint.add(
            Measurement.builder("memory.footprint", runtime, Map.of("containers", "3"))
                .figure(
                    Figure.meanOf(
                        "pss", "MiB", Figure.Better.LOWER, List.of(base, base + 1, base + 2)))
                .figure(
                    Figure.meanOf(
                        "privateDirty",
                        "MiB",
                        Figure.Better.LOWER,
                        List.of(base - 1, base, base + 1)))
                .note("averaged over 3 idle containers; the studies used 100")
                .build());
      }
    }
    outcomes.add(
        new TestOutcome(
            "[engine:junit-jupiter]/[class:Example]/[method:getpid]/[#4]",
            "getpid() [kata-fc]",
            "skipped",
            "Runtime kata-fc is not registered with the Docker daemon"));
    return outcomes;
  }

  private static Measurement http(String runtime, double requestsPerSecond) {
    Histogram latency = Measurement.newNanosHistogram();
    for (int i = 1; i <= 1_000; i++) {
      latency.recordValue((long) (1e9 / requestsPerSecond * (1 + i / 500.0)));
    }
    return Measurement.builder("http", runtime, Map.of("connections", "64", "seconds", "5"))
        .latency("request latency", latency)
        .figure(
            new Figure(
                "requestsPerSecond",
                "req/s",
                requestsPerSecond,
                Figure.Better.HIGHER,
                List.of(requestsPerSecond * 0.95, requestsPerSecond * 1.05)))
        .build();
  }

  private static InvocationReport invocation(
      Path reports, String method, String runtime, List<TestOutcome> outcomes) {
    String uniqueId =
        "[engine:junit-jupiter]/[class:Example]/[method:" + method + "]/[" + runtime + "]";
    outcomes.add(new TestOutcome(uniqueId, method + "() [" + runtime + "]", "successful", ""));
    return new InvocationReport(
        reports.resolve("Example").resolve(method).resolve(runtime),
        Map.of("class", "dev.example.Example", "method", method, "uniqueId", uniqueId),
        new RuntimeDescription(
            runtime,
            runtime.equals("host") ? null : runtime,
            runtime.equals("runsc") ? "/usr/bin/runsc" : null,
            runtime.equals("runsc") ? List.of("--network=host") : List.of(),
            runtime + " version 1"),
        ENVIRONMENT);
  }

  @Test
  void collectsOnlyThisRunsInvocationsIntoOneVersionedDocument() throws IOException {
    // GIVEN this run's reports and one left by an earlier run
    List<TestOutcome> outcomes = writeRun(reports);
    new InvocationReport(
            reports.resolve("Old/getpid/runc"),
            Map.of("class", "Old", "method", "getpid", "uniqueId", "[old]"),
            new RuntimeDescription("runc", "runc", null, List.of(), "v"),
            ENVIRONMENT)
        .add(Measurements.getpid("runc", 1));

    // WHEN
    Path html = RunReport.collect(reports, outcomes).write();

    // THEN
    JsonNode results = new ObjectMapper().readTree(reports.resolve("results.json").toFile());
    assertThat(results.path("schema").asText()).isEqualTo("junit-sandbox/results/1");
    assertThat(results.path("measurements")).hasSize(3 + 3 + 2);
    assertThat(results.path("measurements").findValuesAsText("group"))
        .doesNotContain("Old.getpid · syscall.getpid")
        .contains("Example.getpid · syscall.getpid", "Example.nginx · http");
    assertThat(results.path("tests").findValuesAsText("status")).contains("skipped");
    assertThat(results.path("runtimes").findValuesAsText("id"))
        .containsExactly("host", "runc", "runsc");
    assertThat(html).isRegularFile().hasFileName("index.html");
  }

  @Test
  void keepsHistogramsLosslesslyAndLinksTheirFiles() throws IOException {
    // GIVEN
    List<TestOutcome> outcomes = writeRun(reports);

    // WHEN
    RunReport.collect(reports, outcomes).write();

    // THEN the Base64 histogram decodes to the very distribution that was recorded
    JsonNode results = new ObjectMapper().readTree(reports.resolve("results.json").toFile());
    JsonNode runsc =
        results.path("measurements").findParents("probe").stream()
            .filter(m -> m.path("probe").asText().equals("syscall.getpid"))
            .filter(m -> m.path("runtime").asText().equals("runsc"))
            .findFirst()
            .orElseThrow();
    Histogram decoded = InvocationReport.decode(runsc.path("latency").path("histogram").asText());
    assertThat(decoded)
        .isEqualTo(Measurements.getpid("runsc", 13_000, 14_300, 15_600, 52_000).histogram());
    assertThat(reports.resolve(runsc.path("latency").path("percentileFile").asText()))
        .isRegularFile();
    assertThat(reports.resolve(runsc.path("latency").path("logFile").asText()))
        .isRegularFile()
        .content()
        .contains("#[Histogram log format version 1.3]");
    assertThat(reports.resolve(runsc.path("invocationFile").asText())).isRegularFile();
  }

  @Test
  void summarisesEachGroupWithItsRatioToTheHost() {
    // GIVEN
    List<TestOutcome> outcomes = writeRun(reports);

    // WHEN
    String summary = RunReport.collect(reports, outcomes).consoleSummary();

    // THEN one column per runtime, host first, headline figure and ratio per cell
    assertThat(summary.lines().findFirst().orElseThrow()).matches("measurement +host +runc +runsc");
    assertThat(summary)
        .containsPattern(
            "Example.getpid · syscall.getpid +110 ns +132 ns \\(1.20x\\) +14.3 us \\(130.03x\\)")
        .containsPattern(
            "Example.nginx · http +25000 req/s +25000 req/s \\(1.00x\\) +450 req/s \\(0.02x\\)")
        .containsPattern("Example.footprint · memory.footprint +- +5.00 MiB +61.00 MiB");
  }

  @Test
  void writesNothingWhenTheRunMeasuredNothing() {
    assertThat(RunReport.collect(reports.resolve("missing"), List.of()).isEmpty()).isTrue();
    assertThat(Files.exists(reports.resolve("missing"))).isFalse();
  }
}
