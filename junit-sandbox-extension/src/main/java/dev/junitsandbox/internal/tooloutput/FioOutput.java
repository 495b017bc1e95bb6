package dev.junitsandbox.internal.tooloutput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.util.Iterator;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one fio job reported in {@code --output-format=json+}: its bandwidth, IOPS and the
 * completion latency distribution ({@code clat_ns.bins}, fio's own histogram: {@code {"value_ns":
 * count}}) of one direction ({@code read} or {@code write}).
 *
 * <p>fio prints warnings before the JSON on some systems; the parser starts at the first line that
 * opens the JSON object and says what it expected, with the output's tail, when anything is
 * missing.
 */
public final class FioOutput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final long bandwidthBytesPerSecond;
  private final double iops;
  private final long ios;
  private final long runtimeMillis;
  private final Histogram completionNanos;

  private FioOutput(
      long bandwidthBytesPerSecond,
      double iops,
      long ios,
      long runtimeMillis,
      Histogram completionNanos) {
    this.bandwidthBytesPerSecond = bandwidthBytesPerSecond;
    this.iops = iops;
    this.ios = ios;
    this.runtimeMillis = runtimeMillis;
    this.completionNanos = completionNanos;
  }

  /**
   * @param where what ran fio, for messages (e.g. {@code "disk.randread.64k on runc"})
   * @param direction {@code "read"} or {@code "write"}: the part of the job's report to read
   * @param output fio's standard output with {@code --output-format=json+}
   * @throws ProbeException if the output holds no such job report, the job failed or did no I/O
   */
  public static FioOutput parse(String where, String direction, String output) {
    int start = output.indexOf("\n{");
    start = output.startsWith("{") ? 0 : start < 0 ? -1 : start + 1;
    if (start < 0) {
      throw invalid(where, "fio's JSON report (a line starting with '{')", output);
    }
    JsonNode root;
    try {
      root = JSON.readTree(output.substring(start));
    } catch (JsonProcessingException e) {
      throw invalid(where, "valid JSON from fio (" + e.getOriginalMessage() + ")", output);
    }
    JsonNode job = root.path("jobs").path(0);
    if (job.isMissingNode()) {
      throw invalid(where, "a job in 'jobs'", output);
    }
    if (job.path("error").asInt(0) != 0) {
      throw invalid(
          where, "a job without error, but fio reports error " + job.get("error"), output);
    }
    JsonNode io = job.path(direction);
    ToolNumbers numbers = new ToolNumbers("fio", problem -> unreadable(where, problem, output));
    long ios =
        numbers.whole(
            direction + ".total_ios",
            requireNumber(where, io, direction + ".total_ios", "total_ios", output),
            0,
            Long.MAX_VALUE);
    if (ios < 1) {
      throw invalid(where, "at least one " + direction + " I/O, but fio did none", output);
    }
    JsonNode bins = io.path("clat_ns").path("bins");
    if (!bins.isObject() || bins.isEmpty()) {
      throw invalid(
          where, direction + ".clat_ns.bins (run fio with --output-format=json+)", output);
    }
    String binsField = direction + ".clat_ns.bins";
    Histogram nanos = Measurement.newNanosHistogram();
    for (Iterator<Map.Entry<String, JsonNode>> it = bins.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> bin = it.next();
      // fio's bins are {"value_ns": count}: the key is the latency, the value how often
      long value = numbers.whole(binsField, bin.getKey(), 0, Long.MAX_VALUE);
      long count = numbers.whole(binsField, bin.getValue(), 0, Long.MAX_VALUE);
      numbers.record(nanos, binsField, value, count);
    }
    return new FioOutput(
        numbers.whole(
            direction + ".bw_bytes",
            requireNumber(where, io, direction + ".bw_bytes", "bw_bytes", output),
            0,
            Long.MAX_VALUE),
        numbers.decimal(
            direction + ".iops", requireNumber(where, io, direction + ".iops", "iops", output)),
        ios,
        numbers.whole(
            direction + ".runtime",
            requireNumber(where, io, direction + ".runtime", "runtime", output),
            0,
            Long.MAX_VALUE),
        nanos);
  }

  /** The field, if present; whether it is a sensible number is {@link ToolNumbers}' to say. */
  private static JsonNode requireNumber(
      String where, JsonNode parent, String path, String field, String output) {
    JsonNode value = parent.path(field);
    if (value.isMissingNode() || value.isNull()) {
      throw invalid(where, "a number at jobs[0]." + path, output);
    }
    return value;
  }

  private static ProbeException invalid(String where, String expected, String output) {
    return unreadable(where, "expected " + expected, output);
  }

  private static ProbeException unreadable(String where, String problem, String output) {
    return new ProbeException(
        String.format(
            "%s: cannot read fio's output: %s%nfio printed (tail):%n%s",
            where, problem, ToolOutput.tail(output)));
  }

  /** The job's bandwidth in bytes per second, as fio computed it (bytes moved / runtime). */
  public long bandwidthBytesPerSecond() {
    return bandwidthBytesPerSecond;
  }

  /** I/O operations per second, as fio computed it. */
  public double iops() {
    return iops;
  }

  /** I/O operations completed in the timed region. */
  long ios() {
    return ios;
  }

  /** The timed region's length, in milliseconds (ramp time excluded). */
  long runtimeMillis() {
    return runtimeMillis;
  }

  /** Completion latencies, one value per I/O, in nanoseconds; a copy. */
  public Histogram completionNanos() {
    return completionNanos.copy();
  }
}
