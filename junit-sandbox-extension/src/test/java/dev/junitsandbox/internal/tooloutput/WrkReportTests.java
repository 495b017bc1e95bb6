package dev.junitsandbox.internal.tooloutput;

import static dev.junitsandbox.internal.tooloutput.IperfReportTests.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.probe.ProbeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** wrk 4.1's output with the probe's Lua script, as captured on this machine. */
@Timeout(10)
class WrkReportTests {

  @Test
  void readsTotalsAndTheExactHistogramAfterWrksOwnReport() {
    // GIVEN wrk against nginx under runsc: its human report, then the script's block
    String output = resource("wrk-runsc-exact.txt");

    // WHEN
    WrkReport report = WrkReport.parse("test", output);

    // THEN the same figures as wrk's "5254 requests in 2.03s" and "Requests/sec: 2590.30"
    assertThat(report.durationMicros()).isEqualTo(2_028_334);
    assertThat(report.requests()).isEqualTo(5_254);
    assertThat(report.bytes()).isEqualTo(22_781_344);
    assertThat(report.requestsPerSecond()).isCloseTo(2590.30, within(0.01));
    assertThat(report.socketErrors()).isZero();
    assertThat(report.statusErrors()).isZero();
    assertThat(report.exact()).isTrue();
    assertThat(report.latencyMicros()).hasSize(4_116);
    assertThat(report.latencyMicros().get(0)).isEqualTo(new WrkReport.Bucket(205, 1));
    // wrk corrects its histogram for coordinated omission before done(): more values than requests
    assertThat(report.latencyMicros().stream().mapToLong(WrkReport.Bucket::count).sum())
        .isEqualTo(6_465);
  }

  @Test
  void rebuildsTheDistributionFromPercentilePoints() {
    // GIVEN the script's fallback: percentile points instead of exact buckets
    String output = resource("wrk-host-percentiles.txt");

    // WHEN
    WrkReport report = WrkReport.parse("test", output);

    // THEN all requests are spread over the points, ending at wrk's maximum
    assertThat(report.exact()).isFalse();
    assertThat(report.requests()).isEqualTo(22_152);
    assertThat(report.latencyMicros().stream().mapToLong(WrkReport.Bucket::count).sum())
        .isEqualTo(22_152);
    assertThat(report.latencyMicros().get(0).micros()).isEqualTo(56);
    assertThat(report.latencyMicros().get(report.latencyMicros().size() - 1).micros())
        .isEqualTo(65_581);
  }

  @Test
  void countsErrors() {
    String output =
        """
        junit-sandbox-wrk 1
        duration_us 1000000
        requests 10
        bytes 100
        errors 1 2 3 4 5
        latency_exact 1
        100 10
        end
        """;

    WrkReport report = WrkReport.parse("test", output);

    assertThat(report.connectErrors()).isEqualTo(1);
    assertThat(report.statusErrors()).isEqualTo(4);
    assertThat(report.socketErrors()).isEqualTo(1 + 2 + 3 + 5);
    assertThat(report.requestsPerSecond()).isEqualTo(10.0);
  }

  @Test
  void rejectsWrksHumanOutputAlone() {
    String human =
        resource("wrk-runsc-exact.txt").lines().limit(8).reduce("", (a, b) -> a + b + "\n");

    assertThatThrownBy(() -> WrkReport.parse("http.closedLoop on runc", human))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("Cannot read the wrk output of http.closedLoop on runc")
        .hasMessageContaining("there is no 'junit-sandbox-wrk 1' line")
        .hasMessageContaining("Requests/sec:   2590.30");
  }

  @Test
  void rejectsATruncatedHistogram() {
    String output = resource("wrk-runsc-exact.txt");
    String truncated = output.substring(0, output.lastIndexOf('\n', output.length() / 2) + 1);

    assertThatThrownBy(() -> WrkReport.parse("test", truncated))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("declared 4116 latency lines but ended after");
  }

  @Test
  void rejectsAMissingEndLine() {
    String output = resource("wrk-runsc-exact.txt").replace("end\n", "");

    assertThatThrownBy(() -> WrkReport.parse("test", output))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("no 'end' line after the latency lines");
  }

  @Test
  void rejectsGarbledNumbers() {
    String output =
        """
        junit-sandbox-wrk 1
        duration_us soon
        requests 10
        bytes 100
        errors 0 0 0 0 0
        latency_exact 0
        end
        """;

    assertThatThrownBy(() -> WrkReport.parse("test", output))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(
            "wrk printed duration_us 'soon', but expected a whole number from 0 to"
                + " 9223372036854775807");
  }
}
