package dev.junitsandbox.internal.tooloutput;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The parsed output of a {@code sysbench oltp_* run} with {@code --histogram=on} (sysbench 1.0):
 * its totals, the per-interval lines of {@code --report-interval} if any, and the latency histogram
 * converted to HdrHistogram nanoseconds. sysbench 1.0 has no machine-readable report, so this reads
 * its human report line by line and rejects output in which any expected line is missing, so a
 * failed or cut run never turns into a measurement.
 *
 * @param transactions transactions committed in the run
 * @param transactionsPerSecond sysbench's own rate: transactions divided by the run's total time
 * @param queries statements sent, {@code BEGIN} and {@code COMMIT} included
 * @param queriesPerSecond sysbench's own rate of {@code queries}
 * @param reads statements counted as reads ({@code SELECT})
 * @param writes statements counted as writes ({@code UPDATE}, {@code DELETE}, {@code INSERT})
 * @param others other statements ({@code BEGIN}, {@code COMMIT})
 * @param ignoredErrors errors sysbench ignored and retried (deadlocks, by default)
 * @param reconnects reconnections to the server
 * @param totalTimeSeconds the run's total time
 * @param intervalTransactionsPerSecond the {@code tps} of each {@code --report-interval} line
 * @param intervalQueriesPerSecond the {@code qps} of each {@code --report-interval} line
 * @param latencyNanos one value per transaction, in nanoseconds (sysbench's bucket values)
 */
public record SysbenchOltpOutput(
    long transactions,
    double transactionsPerSecond,
    long queries,
    double queriesPerSecond,
    long reads,
    long writes,
    long others,
    long ignoredErrors,
    long reconnects,
    double totalTimeSeconds,
    List<Double> intervalTransactionsPerSecond,
    List<Double> intervalQueriesPerSecond,
    Histogram latencyNanos) {

  private static final String HISTOGRAM_TITLE = "Latency histogram (values are in milliseconds)";
  // Numbers are matched as any non-blank text and read by ToolNumbers, so that "nan", "-nan", "inf"
  // (sysbench's printf of a broken rate) and 20-digit counts are named, not skipped or thrown raw
  private static final String VALUE = "(\\S+)";
  private static final Pattern HISTOGRAM_ROW =
      Pattern.compile("^\\s*(\\d\\S*)\\s+\\|\\**\\s+(\\S+)\\s*$");
  private static final Pattern INTERVAL =
      Pattern.compile(
          "^\\[\\s*\\d+s\\s*\\]\\s+thds:\\s+\\d+\\s+tps:\\s+"
              + VALUE
              + "\\s+qps:\\s+"
              + VALUE
              + "\\s.*$");
  private static final Pattern RATE =
      Pattern.compile(
          "^\\s*(transactions|queries|ignored errors|reconnects):\\s+"
              + VALUE
              + "\\s+\\("
              + VALUE
              + " per sec\\.\\)\\s*$");
  private static final Pattern COUNT =
      Pattern.compile("^\\s*(read|write|other|total number of events):\\s+" + VALUE + "\\s*$");
  private static final Pattern TOTAL_TIME =
      Pattern.compile("^\\s*total time:\\s+" + VALUE + "s\\s*$");

  public SysbenchOltpOutput {
    intervalTransactionsPerSecond = List.copyOf(intervalTransactionsPerSecond);
    intervalQueriesPerSecond = List.copyOf(intervalQueriesPerSecond);
    latencyNanos = latencyNanos.copy();
  }

  @Override
  public Histogram latencyNanos() {
    return latencyNanos.copy();
  }

  /**
   * @param source what produced the output, for messages (e.g. {@code "oltp.read_write on runc"})
   * @throws ProbeException if a total, the histogram or a consistent event count is missing
   */
  public static SysbenchOltpOutput parse(String source, String output) {
    Map<String, Long> counts = new TreeMap<>();
    Map<String, Double> rates = new TreeMap<>();
    List<Double> intervalTps = new ArrayList<>();
    List<Double> intervalQps = new ArrayList<>();
    Histogram histogram = Measurement.newNanosHistogram();
    boolean histogramSeen = false;
    boolean inHistogram = false;
    double totalTime = -1;
    ToolNumbers numbers = new ToolNumbers("sysbench", problem -> invalid(source, problem, output));
    List<String> lines = output.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (inHistogram) {
        Matcher row = HISTOGRAM_ROW.matcher(line);
        if (row.matches()) {
          numbers.record(
              histogram,
              "histogram value",
              numbers.millisToNanos("histogram value", row.group(1)),
              numbers.whole("histogram count", row.group(2), 0, Long.MAX_VALUE));
          continue;
        }
        if (line.contains("value") && line.contains("distribution")) {
          continue;
        }
        inHistogram = false;
      }
      if (line.strip().equals(HISTOGRAM_TITLE)) {
        histogramSeen = true;
        inHistogram = true;
        continue;
      }
      Matcher matcher = INTERVAL.matcher(line);
      if (matcher.matches()) {
        intervalTps.add(numbers.decimal("tps", matcher.group(1)));
        intervalQps.add(numbers.decimal("qps", matcher.group(2)));
        continue;
      }
      matcher = RATE.matcher(line);
      if (matcher.matches()) {
        String key = matcher.group(1);
        counts.put(key, numbers.whole(key + ":", matcher.group(2), 0, Long.MAX_VALUE));
        rates.put(key, numbers.decimal(key + ": per sec.", matcher.group(3)));
        continue;
      }
      matcher = COUNT.matcher(line);
      if (matcher.matches()) {
        String key = matcher.group(1);
        counts.put(key, numbers.whole(key + ":", matcher.group(2), 0, Long.MAX_VALUE));
        continue;
      }
      matcher = TOTAL_TIME.matcher(line);
      if (matcher.matches()) {
        totalTime = numbers.decimal("total time", matcher.group(1));
      }
    }
    for (String key :
        List.of(
            "transactions",
            "queries",
            "read",
            "write",
            "other",
            "ignored errors",
            "reconnects",
            "total number of events")) {
      if (!counts.containsKey(key)) {
        throw invalid(
            source,
            "it has no '" + key + ":' line in its statistics (did the run fail or get cut?)",
            output);
      }
    }
    if (totalTime < 0) {
      throw invalid(source, "it has no 'total time: N.Ns' line", output);
    }
    if (!histogramSeen) {
      throw invalid(
          source,
          "it has no '" + HISTOGRAM_TITLE + "' section (run without --histogram=on?)",
          output);
    }
    long events = counts.get("total number of events");
    if (histogram.getTotalCount() != events) {
      throw invalid(
          source,
          String.format(
              "its latency histogram holds %d values but it reports %d events (histogram cut?)",
              histogram.getTotalCount(), events),
          output);
    }
    if (events == 0) {
      throw invalid(source, "it completed no transaction", output);
    }
    return new SysbenchOltpOutput(
        counts.get("transactions"),
        rates.get("transactions"),
        counts.get("queries"),
        rates.get("queries"),
        counts.get("read"),
        counts.get("write"),
        counts.get("other"),
        counts.get("ignored errors"),
        counts.get("reconnects"),
        totalTime,
        intervalTps,
        intervalQps,
        histogram);
  }

  private static ProbeException invalid(String source, String problem, String output) {
    return new ProbeException(
        String.format(
            "Cannot read the sysbench output of %s: %s.%nOutput (%d chars), last part:%n%s",
            source, problem, output.length(), ToolOutput.tail(output)));
  }
}
