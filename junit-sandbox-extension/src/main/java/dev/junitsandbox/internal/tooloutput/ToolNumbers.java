package dev.junitsandbox.internal.tooloutput;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.ProbeException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Reads the numbers one tool printed and rejects absurd ones (more digits than a {@code long}
 * holds, negative counts, {@code nan} and {@code inf} as C's printf writes them, exponents beyond a
 * {@code double}, latencies beyond the hour a measurement holds) as a {@link ProbeException} saying
 * {@code "<tool> printed <field> '<value>', but expected <what>"}, so that a garbled report never
 * becomes a raw {@code NumberFormatException}, an {@code IndexOutOfBoundsException} from the
 * histogram or a silently wrong figure. Each parser wraps that sentence in its own message, with
 * where the tool ran and the tail of its output.
 */
public final class ToolNumbers {

  /** What a whole number of nanoseconds may be: what a measurement's histogram holds. */
  public static final String NANOS_RANGE =
      "a latency from 0 to " + Measurement.HIGHEST_TRACKABLE_NANOS + " ns (one hour)";

  // Decimal digits only: Long.parseLong takes '+', Double.parseDouble takes "NaN", "Infinity",
  // hex and a trailing 'd', none of which a tool prints for a real measurement
  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,19}");
  private static final Pattern DECIMAL =
      Pattern.compile("-?\\d{1,400}(\\.\\d{1,400})?([eE][-+]?\\d{1,6})?");
  private static final long MAX_MILLIS = Measurement.HIGHEST_TRACKABLE_NANOS / 1_000_000;

  private final String tool;
  private final Function<String, ProbeException> invalid;

  /**
   * @param tool the tool's name as messages show it, e.g. {@code "fio"}
   * @param invalid makes the parser's exception from the problem (one sentence without a period)
   */
  public ToolNumbers(String tool, Function<String, ProbeException> invalid) {
    this.tool = tool;
    this.invalid = invalid;
  }

  /**
   * {@code text} as a whole number from {@code min} to {@code max}.
   *
   * @throws ProbeException if it is not decimal digits (with an optional minus) or out of range
   */
  public long whole(String field, String text, long min, long max) {
    return whole(field, text, min, max, "");
  }

  /**
   * {@code text} as a whole number from {@code min} to {@code max} of {@code unit}, e.g. {@code "
   * µs (one hour)"}, as the expectation says it.
   */
  public long whole(String field, String text, long min, long max, String unit) {
    if (text != null && WHOLE.matcher(text).matches()) {
      try {
        long value = Long.parseLong(text);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException tooLong) {
        // 19 digits beyond Long.MAX_VALUE: reported below
      }
    }
    throw absurd(field, text, String.format("a whole number from %d to %d%s", min, max, unit));
  }

  /**
   * A JSON number that is whole and from {@code min} to {@code max}. Jackson keeps a number of 20
   * digits as a BigInteger whose {@code asLong()} would silently wrap, and turns {@code 5e400} into
   * infinity.
   */
  public long whole(String field, JsonNode node, long min, long max) {
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      long value = node.asLong();
      if (value >= min && value <= max) {
        return value;
      }
    }
    throw absurd(field, text(node), String.format("a whole number from %d to %d", min, max));
  }

  /**
   * {@code text} as a finite decimal number of at least 0.
   *
   * @throws ProbeException if it is not one (e.g. {@code nan}, {@code -nan}, {@code inf}, {@code
   *     1e999}, a negative number)
   */
  public double decimal(String field, String text) {
    if (text != null && DECIMAL.matcher(text).matches()) {
      double value = Double.parseDouble(text);
      if (Double.isFinite(value) && value >= 0) {
        return value;
      }
    }
    throw absurd(field, text, "a finite decimal number of at least 0");
  }

  /** A JSON number that is finite and at least 0 (a JSON string such as "NaN" is not one). */
  public double decimal(String field, JsonNode node) {
    if (node.isNumber()) {
      double value = node.asDouble();
      if (Double.isFinite(value) && value >= 0) {
        return value;
      }
    }
    throw absurd(field, text(node), "a finite decimal number of at least 0");
  }

  /**
   * A latency printed in milliseconds, as nanoseconds.
   *
   * @throws ProbeException if it is not a decimal number from 0 to one hour
   */
  public long millisToNanos(String field, String millis) {
    String range = "a latency from 0 to " + MAX_MILLIS + " ms (one hour)";
    double value;
    try {
      value = decimal(field, millis);
    } catch (ProbeException notANumber) {
      throw absurd(field, millis, range);
    }
    if (value > MAX_MILLIS) {
      throw absurd(field, millis, range);
    }
    return Math.round(value * 1_000_000);
  }

  /**
   * Records {@code count} values of {@code nanos} into {@code histogram}.
   *
   * @throws ProbeException if the value is beyond the hour a measurement holds or negative, or the
   *     counts add up beyond what a histogram counts
   */
  public void record(Histogram histogram, String field, long nanos, long count) {
    if (nanos < 0 || nanos > Measurement.HIGHEST_TRACKABLE_NANOS) {
      throw absurd(field, Long.toString(nanos), NANOS_RANGE);
    }
    if (count < 0 || count > Long.MAX_VALUE - histogram.getTotalCount()) {
      throw absurd(
          field + " count",
          Long.toString(count),
          String.format(
              Locale.ROOT,
              "counts that add up to at most %d (%d counted so far)",
              Long.MAX_VALUE,
              histogram.getTotalCount()));
    }
    histogram.recordValueWithCount(nanos, count);
  }

  /** The problem of a number that makes no sense, for fields that check more than the above. */
  public ProbeException absurd(String field, String value, String expected) {
    return invalid.apply(
        String.format("%s printed %s '%s', but expected %s", tool, field, value, expected));
  }

  private static String text(JsonNode node) {
    if (node.isMissingNode()) {
      return "(nothing)";
    }
    // asText(), not toString(): Jackson's toString() quotes a non-finite double ("\"Infinity\"")
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
