package dev.junitsandbox.report;

import dev.junitsandbox.internal.report.HistogramCodec;
import java.time.Instant;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * One interval of a latency distribution a long probe kept in intervals.
 *
 * @param start when the interval started
 * @param end when it ended, not before {@code start}
 * @param histogram its latencies, nanoseconds, in HdrHistogram's compressed form, Base64
 */
public record LatencyInterval(Instant start, Instant end, String histogram) {

  public LatencyInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(histogram, "histogram");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "a latency interval cannot end (" + end + ") before it starts (" + start + ")");
    }
  }

  /** The interval's histogram, stamped with its start and end. */
  public Histogram decodeHistogram() {
    return HistogramCodec.decode(histogram, start, end);
  }
}
