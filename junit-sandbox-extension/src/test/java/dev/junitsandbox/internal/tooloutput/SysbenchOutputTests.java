package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.probe.ProbeException;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parsing sysbench 1.0.20's text report, captured from runs of the probes' commands. The fileio
 * reports are the stdout of FileIoProbe's run command with its defaults (one 256 MiB file, 16 KiB
 * blocks, O_DIRECT, one thread, 3 s), captured on 2026-11-25: seqrd on the host (ext4), seqrewr
 * under runc and seqwr under runsc (gVisor 2024, systrap) in the probe image, in {@code /var/tmp}
 * of the container.
 */
@Timeout(10)
class SysbenchOutputTests {

  private static final String CPU = Resources.text("sysbench-cpu.txt");
  private static final String MEMORY_1M = Resources.text("sysbench-memory-1m.txt");
  private static final String MEMORY_1K = Resources.text("sysbench-memory-1k.txt");
  private static final String SEQRD_HOST = Resources.text("sysbench-fileio-seqrd-host.txt");
  private static final String SEQREWR_RUNC = Resources.text("sysbench-fileio-seqrewr-runc.txt");
  private static final String SEQWR_RUNSC = Resources.text("sysbench-fileio-seqwr-runsc.txt");

  @Test
  void readsALabelledNumber() {
    SysbenchOutput output = SysbenchOutput.of("test", CPU);

    assertThat(output.labelled("events per second:")).isEqualTo(183.40);
    assertThat(output.labelled("total number of events:")).isEqualTo(369);
  }

  @Test
  void readsEveryEventOfTheHistogramInNanoseconds() {
    // WHEN
    Histogram nanos = SysbenchOutput.of("test", CPU).latencyHistogramNanos().orElseThrow();

    // THEN one value per event, between the smallest and the largest row (1.791 and 134.899 ms)
    assertThat(nanos.getTotalCount()).isEqualTo(369);
    assertThat(nanos.getMinValue()).isBetween(1_789_000L, 1_793_000L);
    assertThat(nanos.getMaxValue()).isBetween(134_800_000L, 135_100_000L);
  }

  @Test
  void readsTheMemoryReportsBandwidthAndHistogram() {
    SysbenchOutput output = SysbenchOutput.of("test", MEMORY_1M);

    assertThat(
            output.find(
                Pattern.compile("MiB transferred \\(\\s*(\\d+(?:\\.\\d+)?) MiB/sec\\)"), 1, "x"))
        .isEqualTo(6081.62);
    Histogram nanos = output.latencyHistogramNanos().orElseThrow();
    assertThat(nanos.getTotalCount()).isEqualTo(12_242);
    assertThat((double) nanos.getValueAtPercentile(50)).isCloseTo(53_000, within(1_000.0));
  }

  @Test
  void recordsSubMicrosecondEventsAtOneMicrosecond() {
    Histogram nanos = SysbenchOutput.of("test", MEMORY_1K).latencyHistogramNanos().orElseThrow();

    assertThat(nanos.getTotalCount()).isEqualTo(1_274_195);
    assertThat((double) nanos.getValueAtPercentile(50)).isCloseTo(1_000, within(1.0));
  }

  @Test
  void namesTheMissingLineAndShowsTheOutputsTail() {
    assertThatThrownBy(
            () ->
                SysbenchOutput.of("cpu.sysbench on runsc", MEMORY_1M)
                    .labelled("events per second:"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("cpu.sysbench on runsc: cannot read sysbench's output")
        .hasMessageContaining("expected a line 'events per second:'")
        .hasMessageContaining("sysbench printed (tail):")
        .hasMessageContaining("Threads fairness:");
  }

  @Test
  void requiresTheHistogramToBeSwitchedOn() {
    String withoutHistogram = CPU.replace("Latency histogram (values are in milliseconds)", "");

    assertThatThrownBy(() -> SysbenchOutput.of("test", withoutHistogram).latencyHistogramNanos())
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("(run sysbench with --histogram=on)");
  }

  @Test
  void rejectsAGarbledHistogramRow() {
    String garbled = CPU.replaceFirst("(?m)^(\\s*\\d+\\.\\d+ \\|\\**\\s+)\\d+$", "$1many");

    assertThatThrownBy(() -> SysbenchOutput.of("test", garbled).latencyHistogramNanos())
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining(
            "sysbench printed histogram count 'many', but expected a whole number from 0 to");
  }

  @Test
  void hasNoHistogramWhenNoEventWasCounted() {
    String empty = "Latency histogram (values are in milliseconds)\n \nCPU speed:\n";

    assertThat(SysbenchOutput.of("test", empty).latencyHistogramNanos()).isEmpty();
  }

  @Test
  void readsTheTotalTimeAndTheLatencySummaryAsGoyalReportsThem() {
    SysbenchOutput output = SysbenchOutput.of("test", MEMORY_1M);

    assertThat(output.totalTimeSeconds()).isEqualTo(2.0077);
    assertThat(output.latencySummaryMillis("min:")).isEqualTo(0.05);
    assertThat(output.latencySummaryMillis("avg:")).isEqualTo(0.16);
    assertThat(output.latencySummaryMillis("95th percentile:")).isEqualTo(0.08);
    // sum over events: sysbench's avg before it rounds it to 0.01 ms
    assertThat(output.meanLatencyMillis()).isCloseTo(1997.53 / 12_242, within(1e-12));
  }

  @Test
  void readsTheFileioReportOfSequentialReads() {
    SysbenchOutput output = SysbenchOutput.of("test", SEQRD_HOST);

    assertThat(output.labelled("read, MiB/s:")).isEqualTo(197.40);
    assertThat(output.labelled("reads/s:")).isEqualTo(12_633.82);
    assertThat(output.labelled("written, MiB/s:")).isZero();
    assertThat(output.totalTimeSeconds()).isEqualTo(3.0449);
    assertThat(output.meanLatencyMillis()).isCloseTo(2986.64 / 38_473, within(1e-12));
    Histogram nanos = output.latencyHistogramNanos().orElseThrow();
    assertThat(nanos.getTotalCount()).isEqualTo(38_473);
    // MiB/s is reads/s of 16 KiB blocks
    assertThat(output.labelled("reads/s:") / 64).isCloseTo(197.40, within(0.01));
  }

  @Test
  void countsFsyncsAsEventsOfTheWriteModes() {
    for (String report : new String[] {SEQREWR_RUNC, SEQWR_RUNSC}) {
      SysbenchOutput output = SysbenchOutput.of("test", report);

      double requestsPerSecond = output.labelled("writes/s:") + output.labelled("fsyncs/s:");
      double events = output.labelled("total number of events:");
      assertThat(requestsPerSecond * output.totalTimeSeconds())
          .isCloseTo(events, within(events * 0.001));
      assertThat(output.latencyHistogramNanos().orElseThrow().getTotalCount())
          .isEqualTo((long) events);
      assertThat(output.labelled("fsyncs/s:") * 100)
          .isCloseTo(output.labelled("writes/s:"), within(output.labelled("writes/s:") * 0.01));
    }
  }

  @Test
  void readsAMinimumThatRoundedToZero() {
    // gVisor's fastest writes take less than the 0.005 ms that sysbench's two decimals show
    assertThat(SysbenchOutput.of("test", SEQWR_RUNSC).latencySummaryMillis("min:")).isZero();
  }

  @Test
  void readsTheLatencySummaryOnlyInItsSection() {
    // without the summary's own line, nothing else (e.g. "events (avg/stddev):") stands in
    String withoutAvg = MEMORY_1M.replaceFirst("(?m)^\\s+avg:.*$", "");

    assertThatThrownBy(
            () -> SysbenchOutput.of("memory on runc", withoutAvg).latencySummaryMillis("avg:"))
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("memory on runc: cannot read sysbench's output")
        .hasMessageContaining("expected a line 'avg:' under 'Latency (ms):'");
    assertThatThrownBy(() -> SysbenchOutput.of("test", "no report\n").totalTimeSeconds())
        .hasMessageContaining("expected a line 'total time: <x>s'");
  }

  @Test
  void hasNoMeanLatencyWithoutEvents() {
    String none =
        "General statistics:\n    total time: 1.0001s\n    total number of events: 0\n\n"
            + "Latency (ms):\n         min: 0.00\n         sum: 0.00\n";

    assertThatThrownBy(() -> SysbenchOutput.of("test", none).meanLatencyMillis())
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("sysbench counted no event, so there is no mean latency");
  }
}
