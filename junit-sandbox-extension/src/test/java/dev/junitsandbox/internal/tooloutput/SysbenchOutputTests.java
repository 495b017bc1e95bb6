package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.junitsandbox.probe.ProbeException;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parsing sysbench 1.0.20's text report, captured from runs of the probes' commands. */
@Timeout(10)
class SysbenchOutputTests {

  private static final String CPU = Resources.text("sysbench-cpu.txt");
  private static final String MEMORY_1M = Resources.text("sysbench-memory-1m.txt");
  private static final String MEMORY_1K = Resources.text("sysbench-memory-1k.txt");

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
}
