package dev.junitsandbox.internal.tooloutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junitsandbox.probe.ProbeException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real captured output of every tool with one number made absurd: 20 digits, negative where a count
 * cannot be, NaN and infinity as tools print them ({@code nan}, {@code -nan}, {@code inf}), huge
 * exponents, and latencies beyond the hour a measurement holds. Each must fail as a {@link
 * ProbeException} naming the tool, the field, the value and what was expected, never as a {@code
 * NumberFormatException}, an {@code IndexOutOfBoundsException} or a silently wrong number.
 */
@Timeout(10) // a parser must never hang, whatever it is fed
class AbsurdToolOutputTests {

  private static final String TWENTY_DIGITS = "99999999999999999999";
  private static final String WHOLE = "a whole number from 0 to 9223372036854775807";
  private static final String DECIMAL = "a finite decimal number of at least 0";

  /**
   * One altered output.
   *
   * @param tool the tool the message must name
   * @param field the field the message must name
   * @param value the absurd value, quoted in the message
   * @param expected what the message must say was expected
   */
  record Case(
      String name,
      Function<String, Object> parser,
      String output,
      String tool,
      String field,
      String value,
      String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> absurdNumbers() {
    String probe =
        """
        junit-sandbox-probe 1
        probe syscall
        syscall getpid
        unit ps-per-call
        samples 3
        120500
        %s
        101000
        end
        """;
    String fio = Resources.text("fio-randread-64k.json");
    String iperf = Resources.text("iperf3-client-host-hostToSandbox.json");
    String cpu = Resources.text("sysbench-cpu.txt");
    String oltp = Resources.text("sysbench-oltp-read-write-host.txt");
    String wrkExact = Resources.text("wrk-runsc-exact.txt");
    String wrkPercentiles = Resources.text("wrk-host-percentiles.txt");
    Function<String, Object> probeParser = out -> ProbeOutput.parse("syscall.getpid on runc", out);
    Function<String, Object> fioParser = out -> FioOutput.parse("disk on runc", "read", out);
    Function<String, Object> iperfParser = out -> IperfReport.parse("net on runc", out);
    Function<String, Object> cpuParser =
        out -> SysbenchOutput.of("cpu on runc", out).labelled("events per second:");
    Function<String, Object> cpuHistogram =
        out -> SysbenchOutput.of("cpu on runc", out).latencyHistogramNanos();
    Function<String, Object> oltpParser = out -> SysbenchOltpOutput.parse("oltp on runc", out);
    Function<String, Object> wrkParser = out -> WrkReport.parse("http on runc", out);
    return Stream.of(
        new Case(
            "sandbox-probe sample of 20 digits",
            probeParser,
            probe.formatted(TWENTY_DIGITS),
            "sandbox-probe",
            "sample 2",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "sandbox-probe negative sample",
            probeParser,
            probe.formatted("-98000"),
            "sandbox-probe",
            "sample 2",
            "-98000",
            WHOLE),
        new Case(
            "sandbox-probe sample count of 20 digits",
            probeParser,
            probe.formatted("98000").replace("samples 3", "samples " + TWENTY_DIGITS),
            "sandbox-probe",
            "samples",
            TWENTY_DIGITS,
            "a whole number from 1 to 10000000"),
        new Case(
            "fio bandwidth of 20 digits",
            fioParser,
            alter(fio, "\"bw_bytes\" : 359318068", "\"bw_bytes\" : " + TWENTY_DIGITS),
            "fio",
            "read.bw_bytes",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "fio negative runtime",
            fioParser,
            alter(fio, "\"runtime\" : 2001", "\"runtime\" : -2001"),
            "fio",
            "read.runtime",
            "-2001",
            WHOLE),
        new Case(
            "fio IOPS with a huge exponent",
            fioParser,
            alter(fio, "\"iops\" : 5482.758621", "\"iops\" : 5.4e400"),
            "fio",
            "read.iops",
            "Infinity",
            DECIMAL),
        new Case(
            "fio IOPS as the string NaN",
            fioParser,
            alter(fio, "\"iops\" : 5482.758621", "\"iops\" : \"NaN\""),
            "fio",
            "read.iops",
            "NaN",
            DECIMAL),
        new Case(
            "fio bin count of 20 digits",
            fioParser,
            alter(fio, "\"73216\" : 1", "\"73216\" : " + TWENTY_DIGITS),
            "fio",
            "read.clat_ns.bins",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "fio latency bin of two hours",
            fioParser,
            alter(fio, "\"73216\" : 1", "\"7200000000000\" : 1"),
            "fio",
            "read.clat_ns.bins",
            "7200000000000",
            "a latency from 0 to 3600000000000 ns (one hour)"),
        new Case(
            "iperf3 receiver rate with a huge exponent",
            iperfParser,
            alterLast(iperf, "23214754286.636147", "1e999"),
            "iperf3",
            "end.sum_received.bits_per_second",
            "Infinity",
            DECIMAL),
        new Case(
            "iperf3 negative interval rate",
            iperfParser,
            alterInFirstSum(iperf, "bits_per_second", "-1000.5"),
            "iperf3",
            "intervals[0].sum.bits_per_second",
            "-1000.5",
            DECIMAL),
        new Case(
            "iperf3 interval bytes of 20 digits",
            iperfParser,
            alterInFirstSum(iperf, "bytes", TWENTY_DIGITS),
            "iperf3",
            "intervals[0].sum.bytes",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "sysbench events per second as -nan",
            cpuParser,
            alter(cpu, "events per second:   183.40", "events per second:   -nan"),
            "sysbench",
            "events per second:",
            "-nan",
            DECIMAL),
        new Case(
            "sysbench events per second with a huge exponent",
            cpuParser,
            alter(cpu, "events per second:   183.40", "events per second:   1.8e999"),
            "sysbench",
            "events per second:",
            "1.8e999",
            DECIMAL),
        new Case(
            "sysbench total time as nan",
            out -> SysbenchOutput.of("cpu on runc", out).totalTimeSeconds(),
            alter(cpu, "total time:                          2.0066s", "total time:   nans"),
            "sysbench",
            "total time: <x>s",
            "nan",
            DECIMAL),
        new Case(
            "sysbench latency sum as inf",
            out -> SysbenchOutput.of("cpu on runc", out).meanLatencyMillis(),
            alter(cpu, "sum:                                 2003.45", "sum:   inf"),
            "sysbench",
            "sum:",
            "inf",
            DECIMAL),
        new Case(
            "sysbench histogram count of 20 digits",
            cpuHistogram,
            alter(
                cpu,
                "1.791 |**************************************** 31",
                "1.791 |** " + TWENTY_DIGITS),
            "sysbench",
            "histogram count",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "sysbench histogram value of 20 digits",
            cpuHistogram,
            alter(cpu, "1.791 |", TWENTY_DIGITS + ".000 |"),
            "sysbench",
            "histogram value",
            TWENTY_DIGITS + ".000",
            "a latency from 0 to 3600000 ms (one hour)"),
        new Case(
            "sysbench OLTP transactions of 20 digits",
            oltpParser,
            alter(
                oltp,
                "transactions:                        3399",
                "transactions: " + TWENTY_DIGITS),
            "sysbench",
            "transactions:",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "sysbench OLTP events of 20 digits",
            oltpParser,
            alter(
                oltp,
                "total number of events:              3399",
                "total number of events: " + TWENTY_DIGITS),
            "sysbench",
            "total number of events:",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "sysbench OLTP interval tps as nan",
            oltpParser,
            alter(oltp, "tps: 465.30", "tps: nan"),
            "sysbench",
            "tps",
            "nan",
            DECIMAL),
        new Case(
            "sysbench OLTP rate as inf",
            oltpParser,
            alter(oltp, "(339.45 per sec.)", "(inf per sec.)"),
            "sysbench",
            "transactions: per sec.",
            "inf",
            DECIMAL),
        new Case(
            "sysbench OLTP histogram count of 20 digits",
            oltpParser,
            alterFirstHistogramCount(oltp, TWENTY_DIGITS),
            "sysbench",
            "histogram count",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "wrk requests of 20 digits",
            wrkParser,
            alter(wrkExact, "requests 5254", "requests " + TWENTY_DIGITS),
            "wrk",
            "requests",
            TWENTY_DIGITS,
            WHOLE),
        new Case(
            "wrk negative timeouts",
            wrkParser,
            alter(wrkExact, "errors 0 0 0 0 0", "errors 0 0 0 0 -3"),
            "wrk",
            "errors (timeout)",
            "-3",
            WHOLE),
        new Case(
            "wrk latency beyond an hour",
            wrkParser,
            alter(wrkExact, "\n205 1\n", "\n9223372036854775 1\n"),
            "wrk",
            "latency value",
            "9223372036854775",
            "a whole number from 0 to 3600000000 µs (one hour)"),
        new Case(
            "wrk percentile as NaN",
            wrkParser,
            alter(wrkPercentiles, "\n99.910 ", "\nNaN "),
            "wrk",
            "latency percentile",
            "NaN",
            "a decimal number from 0 to 100"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("absurdNumbers")
  void rejectsAbsurdNumbersNamingTheToolTheFieldTheValueAndTheExpectation(Case absurd) {
    assertThatThrownBy(() -> absurd.parser().apply(absurd.output()))
        .isExactlyInstanceOf(ProbeException.class)
        .hasNoCause()
        .hasMessageContaining(
            absurd.tool() + " printed " + absurd.field() + " '" + absurd.value() + "'")
        .hasMessageContaining("but expected " + absurd.expected());
  }

  /** {@code text} with the first {@code from} replaced; fails if there is none to replace. */
  private static String alter(String text, String from, String to) {
    int at = text.indexOf(from);
    assertThat(at).as("captured output holds %s", from).isNotNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  private static String alterLast(String text, String from, String to) {
    int at = text.lastIndexOf(from);
    assertThat(at).as("captured output holds %s", from).isNotNegative();
    return text.substring(0, at) + to + text.substring(at + from.length());
  }

  /** A field of the first interval's {@code sum} (its streams come first, then the sum). */
  private static String alterInFirstSum(String iperf, String field, String value) {
    int sum = iperf.indexOf("\"sum\":");
    assertThat(sum).isNotNegative();
    int at = iperf.indexOf("\"" + field + "\":", sum);
    int end = iperf.indexOf(',', at);
    return iperf.substring(0, at) + "\"" + field + "\":\t" + value + iperf.substring(end);
  }

  private static String alterFirstHistogramCount(String oltp, String count) {
    int title = oltp.indexOf("Latency histogram");
    int row = oltp.indexOf('|', oltp.indexOf("\n", oltp.indexOf("value", title)));
    int end = oltp.indexOf('\n', row);
    return oltp.substring(0, row) + "|** " + count + oltp.substring(end);
  }
}
