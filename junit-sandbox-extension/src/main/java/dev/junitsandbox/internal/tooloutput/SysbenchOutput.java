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
      Pattern.compile("^\\s*(\\S+)\\s+\\|\\**\\s+(\\S+)\\s*$");
  // what follows a label, number or not: "nan", "-nan" and "inf" are what sysbench's printf
  // writes for a broken rate, and they must be named, not mistaken for a missing line
  private static final String VALUE = "(\\S+)";
  private static final Pattern TOTAL_TIME = Pattern.compile("^\\s*total time:\\s*(\\S+?)s\\s*$");
  private static final String LATENCY_SUMMARY_TITLE = "Latency (ms):";

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
    return find(Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s*" + VALUE), 1, label);
  }

  /**
   * Group {@code group} of the first line matching {@code regex}, as a finite number of at least 0.
   *
   * @param expected what the line looks like, for the message when it is missing, and the field's
   *     name when its number is absurd
   * @throws ProbeException if no line matches, or the group is not such a number
   */
  public double find(Pattern regex, int group, String expected) {
    for (String line : lines) {
      Matcher matcher = regex.matcher(line);
      if (matcher.find()) {
        return numbers().decimal(expected, matcher.group(group));
      }
    }
    throw invalid("a line '" + expected + "'");
  }

  /**
   * The run's length as sysbench measured it, in seconds: {@code "total time: 3.0010s"} under
   * {@code General statistics:}. From the worker threads' start to their end, so about {@code
   * --time} for a run the time limit ends, less for a run that reached its event count or size.
   *
   * @throws ProbeException if the line is missing or its number is absurd
   */
  public double totalTimeSeconds() {
    return find(TOTAL_TIME, 1, "total time: <x>s");
  }

  /**
   * One number of the {@code Latency (ms):} summary, in milliseconds as sysbench prints it (two
   * decimals): {@code label} {@code "min:"}, {@code "avg:"}, {@code "max:"}, {@code "95th
   * percentile:"} or {@code "sum:"}. Only that section's lines are read, so a label that other
   * sections use too cannot be mistaken for it.
   *
   * @throws ProbeException if there is no such section or no such line in it
   */
  public double latencySummaryMillis(String label) {
    int index = indexOf(LATENCY_SUMMARY_TITLE);
    if (index < 0) {
      throw invalid("the line '" + LATENCY_SUMMARY_TITLE + "'");
    }
    Pattern line = Pattern.compile("^\\s*" + Pattern.quote(label) + "\\s*" + VALUE);
    // the section's lines are indented; a blank line or the next title ends it
    for (index++; index < lines.size() && lines.get(index).startsWith(" "); index++) {
      Matcher matcher = line.matcher(lines.get(index));
      if (matcher.find()) {
        return numbers().decimal(label, matcher.group(1));
      }
    }
    throw invalid("a line '" + label + "' under '" + LATENCY_SUMMARY_TITLE + "'");
  }

  /**
   * The mean time per event in milliseconds, unrounded: the latency summary's {@code "sum:"} over
   * {@code "total number of events:"}. sysbench's own {@code "avg:"} is the same quotient printed
   * to 0.01 ms, too coarse for events of a few tens of microseconds.
   *
   * @throws ProbeException if either line is missing, or no event was counted
   */
  public double meanLatencyMillis() {
    double events = labelled("total number of events:");
    if (events <= 0) {
      throw unreadable("sysbench counted no event, so there is no mean latency");
    }
    return latencySummaryMillis("sum:") / events;
  }

  private int indexOf(String title) {
    for (int index = 0; index < lines.size(); index++) {
      if (lines.get(index).strip().equals(title)) {
        return index;
      }
    }
    return -1;
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
    int index = indexOf(HISTOGRAM_TITLE);
    if (index < 0) {
      throw invalid("the line '" + HISTOGRAM_TITLE + "' (run sysbench with --histogram=on)");
    }
    index++;
    if (index < lines.size() && HISTOGRAM_HEADER.matcher(lines.get(index)).matches()) {
      index++;
    }
    Histogram nanos = Measurement.newNanosHistogram();
    ToolNumbers numbers = numbers();
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
      long value = numbers.millisToNanos("histogram value", row.group(1));
      long count = numbers.whole("histogram count", row.group(2), 0, Long.MAX_VALUE);
      numbers.record(nanos, "histogram value", value, count);
    }
    return nanos.getTotalCount() == 0 ? Optional.empty() : Optional.of(nanos);
  }

  private ToolNumbers numbers() {
    return new ToolNumbers("sysbench", this::unreadable);
  }

  private ProbeException invalid(String expected) {
    return unreadable("expected " + expected);
  }

  private ProbeException unreadable(String problem) {
    return new ProbeException(
        String.format(
            "%s: cannot read sysbench's output: %s%nsysbench printed (tail):%n%s",
            where, problem, ToolOutput.tail(output)));
  }
}
