package dev.junitsandbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.measure.Measurements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationReportTests {

  @TempDir Path directory;

  @Test
  void writesEveryMeasurementWithItsRatioToTheHost() throws IOException {
    // GIVEN a report in a directory that does not exist yet
    InvocationReport report =
        new InvocationReport(
            directory.resolve("getpid/runsc"),
            Map.of("class", "Example"),
            new RuntimeDescription(
                "runsc", "runsc", "/usr/bin/runsc", List.of("--network=host"), "v"),
            new Environment("6.1.0", "CPU", 2, "Debian", "20.10.24", "1.41", "17"));

    // WHEN
    report.add(Measurements.getpid("runsc", 20_000));
    report.add(Measurements.getpid("host", 100));

    // THEN
    JsonNode json = new ObjectMapper().readTree(report.jsonFile().toFile());
    assertThat(json.path("schema").asText()).isEqualTo(InvocationReport.SCHEMA);
    assertThat(json.path("runtime").path("runtimeArgs").get(0).asText())
        .isEqualTo("--network=host");
    assertThat(json.path("environment").path("dockerApiVersion").asText()).isEqualTo("1.41");
    assertThat(json.path("measurements")).hasSize(2);
    assertThat(json.path("measurements").get(0).path("latency").path("p50").asDouble())
        .isBetween(19_980.0, 20_020.0); // 3 significant digits
    JsonNode ratio = json.path("ratiosToHost").get(0);
    assertThat(ratio.path("runtime").asText()).isEqualTo("runsc");
    assertThat(ratio.path("p50").asDouble()).isBetween(199.0, 201.0);
    assertThat(Files.readString(report.directory().resolve("01-syscall.getpid-runsc.hgrm")))
        .contains("Value     Percentile TotalCount 1/(1-Percentile)");
    assertThat(report.directory().resolve("02-syscall.getpid-host.hgrm")).exists();
  }

  @Test
  void keepsEarlierMeasurementsWhenMoreArrive() throws IOException {
    InvocationReport report =
        new InvocationReport(
            directory.resolve("x"),
            Map.of(),
            new RuntimeDescription("runc", "runc", null, List.of(), "unknown"),
            new Environment("k", "c", 1, "o", "d", "a", "j"));

    report.add(Measurements.getpid("runc", 150));
    JsonNode first = new ObjectMapper().readTree(report.jsonFile().toFile());
    report.add(Measurements.getpid("runc", 160));

    assertThat(first.path("measurements")).hasSize(1);
    assertThat(new ObjectMapper().readTree(report.jsonFile().toFile()).path("measurements"))
        .hasSize(2);
    assertThat(report.directory()).isDirectoryNotContaining("glob:**.tmp");
  }
}
