package dev.junitsandbox.internal.report;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * HdrHistogram's compressed form in Base64, as the reports hold histograms: lossless and compact.
 * The form has no timestamps; the report keeps the timed region beside it.
 */
public final class HistogramCodec {

  private HistogramCodec() {}

  /** The histogram in compressed Base64 form. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /**
   * Reads what {@link #encode} wrote.
   *
   * @throws IllegalArgumentException if it is not a histogram in that form
   */
  public static Histogram decode(String base64) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    } catch (DataFormatException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an HdrHistogram in compressed Base64 form: " + e.getMessage(), e);
    }
  }

  /** Reads what {@link #encode} wrote and stamps it with its timed region. */
  public static Histogram decode(String base64, Instant start, Instant end) {
    Histogram histogram = decode(base64);
    histogram.setStartTimeStamp(start.toEpochMilli());
    histogram.setEndTimeStamp(end.toEpochMilli());
    return histogram;
  }
}
