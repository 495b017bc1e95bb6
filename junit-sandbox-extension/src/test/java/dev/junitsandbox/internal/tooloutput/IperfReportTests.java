package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** iperf3 3.12's -J output as captured on this machine (host loopback and a runsc client). */
@Timeout(10)
class IperfReportTests {

  static String resource(String name) {
    try (InputStream in = IperfReportTests.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError("Cannot read " + name, e);
    }
  }

  @Test
  void readsTheReceiverRateAndTheIntervalsOfAClient() {
    // GIVEN a client that sent for 3 s on the host
    String json = resource("iperf3-client-host-sandboxToHost.json");

    // WHEN
    IperfReport report = IperfReport.parse("test", json);

    // THEN
    assertThat(report.failed()).isFalse();
    assertThat(report.reverse()).isFalse();
    assertThat(report.sumReceivedBitsPerSecond()).hasValue(20068398398.770622);
    assertThat(report.sumSentBitsPerSecond()).hasValue(20073394685.525192);
    assertThat(report.intervals()).hasSize(3);
    assertThat(report.intervals().get(0).bitsPerSecond()).isEqualTo(23581785700.81252);
    assertThat(report.intervals().get(0).seconds()).isCloseTo(1.0, within(0.01));
  }

  @Test
  void knowsAReverseTest() {
    IperfReport report =
        IperfReport.parse("test", resource("iperf3-client-host-hostToSandbox.json"));

    assertThat(report.reverse()).isTrue();
    assertThat(report.sumReceivedBitsPerSecond()).hasValue(23214754286.636147);
  }

  @Test
  void skipsTheWarningBeforeTheDocumentAndReportsTheLostResults() {
    // GIVEN a client under gVisor that lost the results exchange: a warning line, then the JSON
    String output = resource("iperf3-client-runsc-sandboxToHost-resultsLost.json");
    assertThat(output).startsWith("WARNING:  Size of data read does not correspond");

    // WHEN
    IperfReport report = IperfReport.parse("test", output);

    // THEN
    assertThat(report.error())
        .hasValue("unable to receive results: Resource temporarily unavailable");
    assertThat(report.sumReceivedBitsPerSecond()).isEmpty();
    assertThat(report.intervals()).hasSize(1);
  }

  @Test
  void readsTheHostServersOwnSummaryForBothDirections() {
    // the server received what the sandbox sent
    IperfReport receiving =
        IperfReport.parse("test", resource("iperf3-server-runsc-sandboxToHost.json"));
    assertThat(receiving.sumReceivedBitsPerSecond()).hasValue(6091475037.721972);
    assertThat(receiving.intervals()).extracting(IperfReport.Interval::seconds).hasSize(3);

    // with -R the server sent; its sum_received stays 0
    IperfReport sending =
        IperfReport.parse("test", resource("iperf3-server-runsc-hostToSandbox.json"));
    assertThat(sending.sumSentBitsPerSecond()).hasValue(4165280588.82056);
    assertThat(sending.sumReceivedBitsPerSecond()).hasValue(0.0);
  }

  @Test
  void reportsTheToolsOwnError() {
    IperfReport report = IperfReport.parse("test", resource("iperf3-client-refused.json"));

    assertThat(report.error()).hasValue("unable to connect to server: Connection refused");
    assertThat(report.intervals()).isEmpty();
  }

  @Test
  void rejectsOutputWithoutJsonShowingIt() {
    assertThatThrownBy(() -> IperfReport.parse("the iperf3 client", "iperf3: error - boom"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("Cannot read the output of the iperf3 client")
        .hasMessageContaining("there is no JSON document (was iperf3 run with -J?)")
        .hasMessageContaining("iperf3: error - boom");
  }

  @Test
  void rejectsTruncatedJson() {
    String json = resource("iperf3-client-host-sandboxToHost.json");

    assertThatThrownBy(() -> IperfReport.parse("test", json.substring(0, json.length() / 2)))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("the JSON document is not well-formed");
  }

  @Test
  void rejectsJsonThatIsNotIperfs() {
    assertThatThrownBy(() -> IperfReport.parse("test", "{\"hello\": 1}"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("lacks iperf3's \"start\" and \"end\" sections");
  }
}
