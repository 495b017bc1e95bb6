package dev.junitsandbox.internal.tooloutput;

import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The totals and latency distribution of one wrk run, as printed by {@link #SCRIPT}, the Lua script
 * the HTTP probe passes to wrk with {@code -s}.
 *
 * <p>wrk 4.1 keeps latencies as an exact histogram in microseconds, which it corrects for
 * coordinated omission before {@code done()} runs (so it holds more values than requests). Its Lua
 * API gives {@code #latency} (the number of distinct values) and {@code latency(i)} (the i-th
 * distinct value and how often it occurred), but each {@code latency(i)} walks the histogram from
 * its minimum, so reading every bucket costs distinct values times range. The script reads the
 * exact buckets when that stays below about two seconds of wrk's time, and otherwise prints {@code
 * latency:percentile(p)} at 1,098 points (every 0.1% to 99%, every 0.01% to 99.99%, every 0.001% to
 * 99.999%) between the minimum and the maximum.
 *
 * @param durationMicros how long wrk ran ({@code summary.duration})
 * @param requests completed responses of any status ({@code summary.requests})
 * @param bytes bytes read ({@code summary.bytes})
 * @param connectErrors {@code summary.errors.connect}
 * @param readErrors {@code summary.errors.read}
 * @param writeErrors {@code summary.errors.write}
 * @param statusErrors responses with a status of 400 or more ({@code summary.errors.status})
 * @param timeouts requests without a response within wrk's timeout ({@code summary.errors.timeout})
 * @param exact whether {@code latencyMicros} holds wrk's exact buckets (else percentile points)
 * @param latencyMicros latency value (µs) to count, ascending
 */
public record WrkReport(
    long durationMicros,
    long requests,
    long bytes,
    long connectErrors,
    long readErrors,
    long writeErrors,
    long statusErrors,
    long timeouts,
    boolean exact,
    List<Bucket> latencyMicros) {

  public static final String MAGIC = "junit-sandbox-wrk 1";

  private static final long MAX_MICROS = Measurement.HIGHEST_TRACKABLE_NANOS / 1_000;
  // the script prints 1,100 percentile points; exact buckets are bounded by EXACT_BUDGET
  private static final long MAX_LATENCY_LINES = 100_000_000;

  /** Cost bound for reading the exact buckets: distinct values times range, about 2 s of wrk. */
  public static final long EXACT_BUDGET = 2_000_000_000L;

  /**
   * Prints wrk's totals and latency distribution after its own report, between {@link #MAGIC} and
   * {@code end}.
   */
  public static final String SCRIPT =
      """
      -- junit-sandbox: wrk's totals and latency distribution for the HTTP probe to parse
      done = function(summary, latency, requests)
        local e = summary.errors
        io.write("\\n%s\\n")
        io.write(string.format("duration_us %%d\\n", summary.duration))
        io.write(string.format("requests %%d\\n", summary.requests))
        io.write(string.format("bytes %%d\\n", summary.bytes))
        io.write(string.format("errors %%d %%d %%d %%d %%d\\n",
          e.connect, e.read, e.write, e.status, e.timeout))
        local distinct = #latency
        if distinct == 0 then
          io.write("latency_exact 0\\n")
        elseif distinct * (latency.max - latency.min + 1) <= %d then
          io.write(string.format("latency_exact %%d\\n", distinct))
          for i = 1, distinct do
            local value, count = latency(i)
            io.write(string.format("%%d %%d\\n", value, count))
          end
        else
          local points = {}
          for i = 1, 990 do points[#points + 1] = i / 10 end
          for i = 9901, 9999 do points[#points + 1] = i / 100 end
          for i = 99991, 99999 do points[#points + 1] = i / 1000 end
          io.write(string.format("latency_percentiles %%d\\n", #points + 2))
          io.write(string.format("0 %%d\\n", latency.min))
          for _, p in ipairs(points) do
            io.write(string.format("%%.3f %%d\\n", p, latency:percentile(p)))
          end
          -- percentile(100) finds no rank above the count and answers 0
          io.write(string.format("100 %%d\\n", latency.max))
        end
        io.write("end\\n")
      end
      """
          .formatted(MAGIC, EXACT_BUDGET);

  public WrkReport {
    latencyMicros = List.copyOf(latencyMicros);
  }

  /**
   * One latency value and how many requests had it.
   *
   * @param micros the latency, in microseconds
   * @param count how many responses took that long
   */
  public record Bucket(long micros, long count) {}

  /** Requests per second as wrk's "Requests/sec" line computes it: requests over duration. */
  public double requestsPerSecond() {
    return durationMicros == 0 ? 0 : requests / (durationMicros / 1e6);
  }

  /** Connect, read, write errors and timeouts together. */
  public long socketErrors() {
    return connectErrors + readErrors + writeErrors + timeouts;
  }

  /**
   * Reads the block {@link #SCRIPT} printed, ignoring wrk's own human report before it.
   *
   * @param source what printed it, for messages
   * @throws ProbeException if the block is missing, truncated or malformed
   */
  public static WrkReport parse(String source, String output) {
    List<String> lines = output.lines().map(String::strip).toList();
    int index = lines.indexOf(MAGIC);
    if (index < 0) {
      throw invalid(
          source,
          "there is no '" + MAGIC + "' line (did wrk run the probe's Lua script with -s?)",
          output);
    }
    Map<String, String> totals = new HashMap<>();
    index++;
    for (; index < lines.size(); index++) {
      String line = lines.get(index);
      if (line.startsWith("latency_")) {
        break;
      }
      String[] keyValue = line.split(" ", 2);
      if (keyValue.length != 2) {
        throw invalid(source, "line '" + line + "' is not 'key value'", output);
      }
      totals.put(keyValue[0], keyValue[1]);
    }
    if (index >= lines.size()) {
      throw invalid(source, "no latency_exact or latency_percentiles line", output);
    }
    ToolNumbers numbers = new ToolNumbers("wrk", problem -> invalid(source, problem, output));
    String[] errors = require(source, totals, "errors", output).split(" ");
    if (errors.length != 5) {
      throw invalid(
          source, "'errors' must hold 5 counts (connect read write status timeout)", output);
    }
    String[] header = lines.get(index).split(" ");
    boolean exact = header[0].equals("latency_exact");
    int declared =
        (int) numbers.whole(header[0], header.length == 2 ? header[1] : "", 0, MAX_LATENCY_LINES);
    List<String[]> rows = new ArrayList<>();
    for (int row = 0; row < declared; row++) {
      int at = index + 1 + row;
      if (at >= lines.size() || lines.get(at).equals("end")) {
        throw invalid(
            source,
            String.format(
                "declared %d latency lines but ended after %d (output truncated?)", declared, row),
            output);
      }
      String[] pair = lines.get(at).split(" ");
      if (pair.length != 2) {
        throw invalid(source, "latency line '" + lines.get(at) + "' is not two numbers", output);
      }
      rows.add(pair);
    }
    int endAt = index + 1 + declared;
    if (endAt >= lines.size() || !lines.get(endAt).equals("end")) {
      throw invalid(source, "no 'end' line after the latency lines", output);
    }
    long requests = count(numbers, "requests", require(source, totals, "requests", output));
    List<Bucket> buckets =
        exact ? exactBuckets(numbers, rows) : fromPercentiles(numbers, rows, requests);
    return new WrkReport(
        count(numbers, "duration_us", require(source, totals, "duration_us", output)),
        requests,
        count(numbers, "bytes", require(source, totals, "bytes", output)),
        count(numbers, "errors (connect)", errors[0]),
        count(numbers, "errors (read)", errors[1]),
        count(numbers, "errors (write)", errors[2]),
        count(numbers, "errors (status)", errors[3]),
        count(numbers, "errors (timeout)", errors[4]),
        exact,
        buckets);
  }

  /**
   * The latency distribution in nanoseconds, one value per bucket count. The parser has checked
   * every value against the hour a measurement holds and that the counts add up.
   */
  public Histogram latencyNanos() {
    Histogram nanos = Measurement.newNanosHistogram();
    for (Bucket bucket : latencyMicros) {
      nanos.recordValueWithCount(bucket.micros() * 1_000, bucket.count());
    }
    return nanos;
  }

  private static List<Bucket> exactBuckets(ToolNumbers numbers, List<String[]> rows) {
    List<Bucket> buckets = new ArrayList<>();
    long total = 0;
    for (String[] row : rows) {
      Bucket bucket = new Bucket(micros(numbers, row[0]), count(numbers, "latency count", row[1]));
      total = addCount(numbers, total, bucket.count());
      buckets.add(bucket);
    }
    return buckets;
  }

  /**
   * Spreads {@code requests} over the percentile points: the requests between two points' ranks get
   * the upper point's value, so the rebuilt distribution has wrk's value at every point.
   */
  private static List<Bucket> fromPercentiles(
      ToolNumbers numbers, List<String[]> rows, long requests) {
    List<Bucket> buckets = new ArrayList<>();
    long previousRank = 0;
    for (int i = 0; i < rows.size(); i++) {
      String text = rows.get(i)[0];
      double percentile;
      try {
        percentile = numbers.decimal("latency percentile", text);
      } catch (ProbeException notADecimal) {
        throw numbers.absurd("latency percentile", text, "a decimal number from 0 to 100");
      }
      if (percentile > 100) {
        throw numbers.absurd("latency percentile", text, "a decimal number from 0 to 100");
      }
      long value = micros(numbers, rows.get(i)[1]);
      long rank = i == 0 ? Math.min(1, requests) : Math.round(percentile / 100.0 * requests);
      if (rank > previousRank) {
        buckets.add(new Bucket(value, rank - previousRank));
        previousRank = rank;
      }
    }
    return buckets;
  }

  private static String require(
      String source, Map<String, String> totals, String key, String output) {
    String value = totals.get(key);
    if (value == null) {
      throw invalid(source, "no '" + key + "' line", output);
    }
    return value;
  }

  private static long count(ToolNumbers numbers, String field, String text) {
    return numbers.whole(field, text, 0, Long.MAX_VALUE);
  }

  /** A latency value: whole microseconds within the hour a measurement holds. */
  private static long micros(ToolNumbers numbers, String text) {
    return numbers.whole("latency value", text, 0, MAX_MICROS, " µs (one hour)");
  }

  private static long addCount(ToolNumbers numbers, long total, long count) {
    if (count > Long.MAX_VALUE - total) {
      throw numbers.absurd(
          "latency count",
          Long.toString(count),
          "counts that add up to at most " + Long.MAX_VALUE + " (" + total + " counted so far)");
    }
    return total + count;
  }

  private static ProbeException invalid(String source, String problem, String output) {
    return new ProbeException(
        String.format(
            "Cannot read the wrk output of %s: %s; it printed:%n%s",
            source, problem, ToolOutput.tail(output)));
  }
}
