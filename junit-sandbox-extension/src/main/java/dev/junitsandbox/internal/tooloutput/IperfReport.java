package dev.junitsandbox.internal.tooloutput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junitsandbox.probe.ProbeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one side of an iperf3 test printed with {@code -J}: its error if any, its end summary and
 * its per-interval figures. Both sides of a test print such a document; the client's is the one a
 * person reads, the server's is the fallback when the client lost the final results exchange.
 *
 * @param error iperf3's own error message ({@code "error"}), if the test failed
 * @param reverse whether the test ran with {@code -R} (the server sent)
 * @param sumReceivedBitsPerSecond {@code end.sum_received.bits_per_second}, if present
 * @param sumSentBitsPerSecond {@code end.sum_sent.bits_per_second}, if present
 * @param intervals {@code intervals[].sum}: the per-interval totals, in the order printed
 */
public record IperfReport(
    Optional<String> error,
    boolean reverse,
    Optional<Double> sumReceivedBitsPerSecond,
    Optional<Double> sumSentBitsPerSecond,
    List<Interval> intervals) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public IperfReport {
    intervals = List.copyOf(intervals);
  }

  /**
   * One reporting interval of all streams together.
   *
   * @param seconds its length
   * @param bytes the bytes sent or received in it (the printing side's view)
   * @param bitsPerSecond its rate
   */
  public record Interval(double seconds, long bytes, double bitsPerSecond) {}

  /** Whether iperf3 ended with an error. */
  public boolean failed() {
    return error.isPresent();
  }

  /**
   * Parses iperf3's {@code -J} output. Text before the document is skipped: iperf3 prints warnings
   * such as "Size of data read does not correspond to offered length" to standard output ahead of
   * the JSON.
   *
   * @param source what printed it, for messages (e.g. {@code "iperf3 client in the runc sandbox"})
   * @throws ProbeException if there is no JSON document or it lacks iperf3's sections
   */
  public static IperfReport parse(String source, String output) {
    int start = output.indexOf('{');
    if (start < 0) {
      throw invalid(source, "there is no JSON document (was iperf3 run with -J?)", output);
    }
    JsonNode root;
    try {
      root = JSON.readTree(output.substring(start));
    } catch (JsonProcessingException e) {
      throw invalid(
          source, "the JSON document is not well-formed: " + e.getOriginalMessage(), output);
    }
    if (root == null || !root.isObject() || !root.has("start") || !root.has("end")) {
      throw invalid(
          source, "the JSON document lacks iperf3's \"start\" and \"end\" sections", output);
    }
    Optional<String> error =
        root.hasNonNull("error") ? Optional.of(root.get("error").asText()) : Optional.empty();
    boolean reverse = root.path("start").path("test_start").path("reverse").asInt(0) == 1;
    JsonNode end = root.get("end");
    ToolNumbers numbers = new ToolNumbers("iperf3", problem -> invalid(source, problem, output));
    List<Interval> intervals = new ArrayList<>();
    int index = 0;
    for (JsonNode interval : root.path("intervals")) {
      JsonNode sum = interval.path("sum");
      if (!sum.has("bits_per_second") || !sum.has("seconds")) {
        throw invalid(
            source, "an interval lacks \"sum.seconds\" or \"sum.bits_per_second\"", output);
      }
      String field = "intervals[" + index++ + "].sum.";
      intervals.add(
          new Interval(
              numbers.decimal(field + "seconds", sum.get("seconds")),
              sum.has("bytes")
                  ? numbers.whole(field + "bytes", sum.get("bytes"), 0, Long.MAX_VALUE)
                  : 0,
              numbers.decimal(field + "bits_per_second", sum.get("bits_per_second"))));
    }
    return new IperfReport(
        error,
        reverse,
        rate(numbers, end, "sum_received"),
        rate(numbers, end, "sum_sent"),
        intervals);
  }

  private static Optional<Double> rate(ToolNumbers numbers, JsonNode end, String section) {
    JsonNode rate = end.path(section).path("bits_per_second");
    return rate.isMissingNode() || rate.isNull()
        ? Optional.empty()
        : Optional.of(numbers.decimal("end." + section + ".bits_per_second", rate));
  }

  private static ProbeException invalid(String source, String problem, String output) {
    return new ProbeException(
        String.format(
            "Cannot read the output of %s: %s; it printed:%n%s",
            source, problem, ToolOutput.tail(output)));
  }
}
