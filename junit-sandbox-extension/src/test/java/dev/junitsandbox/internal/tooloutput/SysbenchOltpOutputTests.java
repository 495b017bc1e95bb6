package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Output captured from real sysbench 1.0.20 runs against MariaDB 10.11 on this project's hosts. */
@Timeout(10) // a parser must never hang, whatever it is fed
class SysbenchOltpOutputTests {

  /** On the host, 4 threads, 10 s, {@code --report-interval=1}, 95th percentile. */
  private static final String HOST = resource("sysbench-oltp-read-write-host.txt");

  /** MariaDB under runsc, 4 threads, 10 s, no intervals, {@code --percentile=50}. */
  private static final String RUNSC_P50 = resource("sysbench-oltp-read-write-runsc-p50.txt");

  private static String resource(String name) {
    try (InputStream in = SysbenchOltpOutputTests.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void readsTheTotalsOfARealRun() {
    // WHEN
    SysbenchOltpOutput output = SysbenchOltpOutput.parse("test", HOST);

    // THEN
    assertThat(output.transactions()).isEqualTo(3399);
    assertThat(output.transactionsPerSecond()).isEqualTo(339.45);
    assertThat(output.queries()).isEqualTo(67980);
    assertThat(output.queriesPerSecond()).isEqualTo(6789.06);
    assertThat(output.reads()).isEqualTo(47586);
    assertThat(output.writes()).isEqualTo(13596);
    assertThat(output.others()).isEqualTo(6798);
    assertThat(output.ignoredErrors()).isZero();
    assertThat(output.reconnects()).isZero();
    assertThat(output.totalTimeSeconds()).isEqualTo(10.0118);
  }

  @Test
  void readsTheStatementMixOfOltpReadWrite() {
    // WHEN
    SysbenchOltpOutput output = SysbenchOltpOutput.parse("test", HOST);

    // THEN 14 reads, 4 writes and BEGIN/COMMIT per transaction, as the probe's javadoc says
    assertThat(output.reads()).isEqualTo(14 * output.transactions());
    assertThat(output.writes()).isEqualTo(4 * output.transactions());
    assertThat(output.others()).isEqualTo(2 * output.transactions());
  }

  @Test
  void readsTheReportIntervalsAsSamples() {
    // WHEN
    SysbenchOltpOutput output = SysbenchOltpOutput.parse("test", HOST);

    // THEN
    assertThat(output.intervalTransactionsPerSecond())
        .hasSize(10)
        .startsWith(690.55, 465.30)
        .endsWith(252.07);
    assertThat(output.intervalQueriesPerSecond()).hasSize(10).startsWith(13874.85);
  }

  @Test
  void readsTheHistogramIntoNanoseconds() {
    // WHEN
    Histogram nanos = SysbenchOltpOutput.parse("test", HOST).latencyNanos();

    // THEN one value per transaction; sysbench printed min 2.58 ms (bucket 2.568), max 454.70 ms
    assertThat(nanos.getTotalCount()).isEqualTo(3399);
    assertThat(nanos.getMinValue()).isBetween(2_566_000L, 2_570_000L);
    assertThat(nanos.getMaxValue()).isBetween(450_000_000L, 451_000_000L);
    // sysbench's own 95th percentile from the same buckets: 27.66 ms
    assertThat(nanos.getValueAtPercentile(95) / 1e6).isCloseTo(27.66, within(0.1));
  }

  @Test
  void medianMatchesSysbenchsOwnFiftiethPercentile() {
    // WHEN
    SysbenchOltpOutput output = SysbenchOltpOutput.parse("test", RUNSC_P50);

    // THEN sysbench printed "50th percentile: 20.37"
    assertThat(output.latencyNanos().getValueAtPercentile(50) / 1e6).isCloseTo(20.37, within(0.05));
    assertThat(output.transactionsPerSecond()).isEqualTo(131.83);
    assertThat(output.intervalTransactionsPerSecond()).isEmpty();
  }

  @Test
  void rejectsARunThatFailedToConnect() {
    String failed =
        """
        sysbench 1.0.20 (using system LuaJIT 2.1.0-beta3)

        Initializing worker threads...

        FATAL: unable to connect to MySQL server on host '172.17.0.2', port 3306, aborting...
        FATAL: Thread initialization failed!
        """;

    assertThatThrownBy(() -> SysbenchOltpOutput.parse("oltp.read_write on runsc", failed))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("Cannot read the sysbench output of oltp.read_write on runsc")
        .hasMessageContaining("no 'transactions:' line")
        .hasMessageContaining("FATAL: Thread initialization failed!");
  }

  @Test
  void rejectsOutputWithoutHistogram() {
    String noHistogram = HOST.replace("Latency histogram (values are in milliseconds)", "");

    assertThatThrownBy(() -> SysbenchOltpOutput.parse("test", noHistogram))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("run without --histogram=on?");
  }

  @Test
  void rejectsAHistogramThatDoesNotHoldEveryEvent() {
    String cut = HOST.replace("     450.774 |**                                       4\n", "");

    assertThatThrownBy(() -> SysbenchOltpOutput.parse("test", cut))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("histogram holds 3395 values but it reports 3399 events");
  }

  @Test
  void rejectsOutputCutBeforeTheStatistics() {
    String cut = HOST.substring(0, HOST.indexOf("General statistics"));

    assertThatThrownBy(() -> SysbenchOltpOutput.parse("test", cut))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("no 'total number of events:' line");
  }
}
