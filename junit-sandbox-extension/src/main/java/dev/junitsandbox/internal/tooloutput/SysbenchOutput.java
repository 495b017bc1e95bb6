package dev.junitsandbox.internal.tooloutput;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The human-readable report of a sysbench 1.0 run: the latency histogram printed by {@code
 * --histogram=on} and the numbers of its summary ({@code "events per second: 510.63"}). sysbench
 * has no machine-readable output for its built-in tests, so every read names the line it expected
 * and shows the output's tail when that line is missing.
 */
public final class SysbenchOutput {

  private static final String HISTOGRAM_TITLE = "Latency histogram (values are in milliseconds)";
  private static final Pattern HISTOGRAM_HEADER = Pattern.compile("^\\s*value\\s+-+.*count\\s*$");
  private static final Pattern HISTOGRAM_ROW =
      Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s+\\|\\**\\s+(\\d+)\\s*$");
  private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";

  private final String where;
  private final String output;
  private final List<String> lines;

  private SysbenchOutput(String where, String output) {
    this.where = where;
    this.output = output;
    this.lines = output.lines().toList();
  }

  /**
   * @param where what ran sysbench, for messages (e.g. {@code "cpu.sysbench on runc"})
   */
  public static SysbenchOutput of(String where, String output) {
    return new SysbenchOutput(where, output);
  }

  /**
   * The number after {@code label} on a line of its own, e.g. {@code label} {@code "events per
   * second:"} in {@code " events per second: 510.63"}.
   *
   * @throws ProbeException if no line has the label followed by a number
   */
  public double labelled(String label) {
    return find(Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s*" + NUMBER), 1, label);
  }

  /**
   * Group {@code group} of the first line matching {@code regex}, as a number.
   *
   * @param expected what the line looks like, for the message when it is missing
   * @throws ProbeException if no line matches
   */
  public double find(Pattern regex, int group, String expected) {
    for (String line : lines) {
      Matcher matcher = regex.matcher(line);
      if (matcher.find()) {
        try {
          return Double.parseDouble(matcher.group(group));
        } catch (NumberFormatException e) {
          throw invalid("a number in '" + line.strip() + "'");
        }
      }
    }
    throw invalid("a line '" + expected + "'");
  }

  /**
   * The latency histogram in nanoseconds: each row's count recorded at its value. sysbench prints
   * the value of each of its logarithmic buckets (about 1.8% wide) in milliseconds with three
   * decimals, so values resolve to 1 us; a bucket below 1 us prints as 0.001 ms.
   *
   * @return empty if sysbench printed the histogram's title but no row (it prints none when no
   *     event was counted)
   * @throws ProbeException if there is no histogram title (sysbench ran without {@code
   *     --histogram=on}) or a row in the histogram cannot be read
   */
  public Optional<Histogram> latencyHistogramNanos() {
    int index = 0;
    while (index < lines.size() && !lines.get(index).strip().equals(HISTOGRAM_TITLE)) {
      index++;
    }
    if (index == lines.size()) {
      throw invalid("the line '" + HISTOGRAM_TITLE + "' (run sysbench with --histogram=on)");
    }
    index++;
    if (index < lines.size() && HISTOGRAM_HEADER.matcher(lines.get(index)).matches()) {
      index++;
    }
    Histogram nanos = Measurement.newNanosHistogram();
    for (; index < lines.size(); index++) {
      // the rows end with a line holding a single space, then the summary
      String line = lines.get(index).strip();
      if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
        break;
      }
      Matcher row = HISTOGRAM_ROW.matcher(line);
      if (!row.matches()) {
        throw invalid("a histogram row 'value |*** count', not '" + line + "'");
      }
      long value = Math.round(Double.parseDouble(row.group(1)) * 1_000_000);
      long count = Long.parseLong(row.group(2));
      nanos.recordValueWithCount(Math.min(value, Measurement.HIGHEST_TRACKABLE_NANOS), count);
    }
    return nanos.getTotalCount() == 0 ? Optional.empty() : Optional.of(nanos);
  }

  private ProbeException invalid(String expected) {
    return new ProbeException(
        String.format(
            "%s: cannot read sysbench's output: expected %s%nsysbench printed (tail):%n%s",
            where, expected, ToolOutput.tail(output)));
  }
}
