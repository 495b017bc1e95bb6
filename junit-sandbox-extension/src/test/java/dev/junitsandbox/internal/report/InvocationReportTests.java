package dev.junitsandbox.internal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.measure.LatencyRecorder;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.measure.Measurements;
import dev.junitsandbox.report.Environment;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationReportTests {

  @TempDir Path directory;

  private InvocationReport report(String folder, String runtime) {
    return new InvocationReport(
        directory.resolve(folder),
        ReportRuns.RUN_ID,
        ReportRuns.invocationOf("Example", "getpid", "[" + runtime + "]", runtime),
        new Environment("6.1.0", "CPU", 2, "Debian", "20.10.24", "1.41", "17"));
  }

  @Test
  void writesEveryMeasurementAsItIsTaken() throws IOException {
    // GIVEN a report in a directory that does not exist yet
    InvocationReport report = report("getpid/runsc", "runsc");

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
    assertThat(json.path("status").isMissingNode()).as("known only when the run ends").isTrue();
    assertThat(Files.readString(report.directory().resolve("01-syscall.getpid-runsc.hgrm")))
        .contains("Value     Percentile TotalCount 1/(1-Percentile)");
    assertThat(report.directory().resolve("02-syscall.getpid-host.hgrm")).exists();
  }

  @Test
  void keepsEarlierMeasurementsWhenMoreArrive() throws IOException {
    InvocationReport report = report("x", "runc");

    report.add(Measurements.getpid("runc", 150));
    JsonNode first = new ObjectMapper().readTree(report.jsonFile().toFile());
    report.add(Measurements.getpid("runc", 160));

    assertThat(first.path("measurements")).hasSize(1);
    assertThat(new ObjectMapper().readTree(report.jsonFile().toFile()).path("measurements"))
        .hasSize(2);
    assertThat(report.directory()).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void histogramLogsReadBackWithTheTimedRegionsRealStart() throws IOException {
    // GIVEN a measurement a sandbox stamped with the time around the probe's run
    Instant before = Instant.now();
    Measurement measured = Measurements.getpid("runc", 150, 160, 170);
    Instant after = Instant.now();
    InvocationReport report = report("getpid/runc", "runc");

    // WHEN
    report.add(measured.withTimedRegionIfAbsent(before, after));

    // THEN HdrHistogram's own reader finds the one interval, starting within the run
    List<EncodableHistogram> intervals =
        readLog(report.directory().resolve("01-syscall.getpid-runc.hlog"));
    assertThat(intervals).hasSize(1);
    // the log holds seconds with 3 decimals: reading them back may round a millisecond down
    assertThat(intervals.get(0).getStartTimeStamp())
        .isBetween(before.toEpochMilli() - 1, after.toEpochMilli());
    assertThat(intervals.get(0).getEndTimeStamp())
        .isBetween(intervals.get(0).getStartTimeStamp(), after.toEpochMilli() + 1);
    assertThat(intervals.get(0)).isEqualTo(measured.histogram());
  }

  @Test
  void histogramLogsHoldOneLinePerRecordedInterval() throws IOException, InterruptedException {
    // GIVEN a long probe's latencies, recorded in two intervals
    Instant before = Instant.now();
    LatencyRecorder recorder = new LatencyRecorder();
    recorder.record(Duration.ofMillis(2));
    recorder.recordNanos(3_000_000);
    Thread.sleep(5);
    recorder.cutInterval();
    recorder.recordNanos(7_000_000);
    Thread.sleep(5);
    Measurement measured =
        Measurement.builder("http", "runc", Map.of()).latency("request latency", recorder).build();
    Instant after = Instant.now();
    InvocationReport report = report("http/runc", "runc");

    // WHEN
    report.add(measured);

    // THEN two lines, in order, inside the run, together the whole distribution
    List<EncodableHistogram> intervals = readLog(report.directory().resolve("01-http-runc.hlog"));
    assertThat(intervals).hasSize(2);
    assertThat(intervals.get(0).getStartTimeStamp())
        .isBetween(before.toEpochMilli() - 1, after.toEpochMilli());
    assertThat(intervals.get(1).getStartTimeStamp())
        .isGreaterThanOrEqualTo(intervals.get(0).getEndTimeStamp() - 1)
        .isLessThanOrEqualTo(after.toEpochMilli() + 1);
    assertThat(intervals).extracting(h -> ((Histogram) h).getTotalCount()).containsExactly(2L, 1L);
  }

  private static List<EncodableHistogram> readLog(Path file) throws FileNotFoundException {
    HistogramLogReader reader = new HistogramLogReader(file.toFile());
    List<EncodableHistogram> intervals = new ArrayList<>();
    for (EncodableHistogram h = reader.nextIntervalHistogram();
        h != null;
        h = reader.nextIntervalHistogram()) {
      intervals.add(h);
    }
    return intervals;
  }
}
