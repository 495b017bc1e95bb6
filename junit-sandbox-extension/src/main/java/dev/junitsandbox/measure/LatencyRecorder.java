package dev.junitsandbox.measure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies for a {@link Measurement} without touching HdrHistogram: {@link #record} each
 * value as it happens, {@link #cutInterval()} where a long probe wants a line in the histogram log
 * (say, once a second), and hand the recorder to {@link Measurement.Builder#latency(String,
 * LatencyRecorder)}. Values go into an HdrHistogram {@link Recorder} with the range and precision
 * of every measurement, so recording threads never block each other or the interval cut.
 *
 * <p>Thread-safe: several threads may record while one cuts intervals.
 */
public final class LatencyRecorder {

  private final Recorder recorder =
      new Recorder(Measurement.HIGHEST_TRACKABLE_NANOS, Measurement.SIGNIFICANT_DIGITS);
  private final List<Histogram> intervals = new ArrayList<>();

  /** A recorder whose first interval starts now. */
  public LatencyRecorder() {}

  /**
   * Records one latency.
   *
   * @throws IllegalArgumentException if it is negative or longer than an hour
   */
  public void record(Duration latency) {
    recordNanos(Objects.requireNonNull(latency, "latency").toNanos());
  }

  /**
   * Records one latency in nanoseconds.
   *
   * @throws IllegalArgumentException if it is negative or longer than an hour
   */
  public void recordNanos(long nanos) {
    checkRange(nanos);
    recorder.recordValue(nanos);
  }

  /**
   * Records one latency of a load that meant to send a request every {@code expectedIntervalNanos}
   * and corrects for coordinated omission: a stall also counts the requests it kept from being sent
   * (HdrHistogram's {@code recordValueWithExpectedInterval}).
   *
   * @throws IllegalArgumentException if the latency is negative or longer than an hour, or the
   *     interval is not positive
   */
  public void recordNanos(long nanos, long expectedIntervalNanos) {
    checkRange(nanos);
    if (expectedIntervalNanos <= 0) {
      throw new IllegalArgumentException(
          "the expected interval between requests must be positive, but was "
              + expectedIntervalNanos
              + " ns");
    }
    recorder.recordValueWithExpectedInterval(nanos, expectedIntervalNanos);
  }

  private static void checkRange(long nanos) {
    if (nanos < 0 || nanos > Measurement.HIGHEST_TRACKABLE_NANOS) {
      throw new IllegalArgumentException(
          String.format(
              "a latency must be from 0 to %d ns (one hour), but was %d ns; record nanoseconds,"
                  + " e.g. System.nanoTime() differences",
              Measurement.HIGHEST_TRACKABLE_NANOS, nanos));
    }
  }

  /**
   * Ends the current interval and starts the next: the values recorded since the last cut become
   * one line of the histogram log, stamped with when the interval started and ended.
   */
  public synchronized void cutInterval() {
    intervals.add(recorder.getIntervalHistogram());
  }

  /**
   * Cuts the current interval and returns every interval so far, in order, each stamped with its
   * start and end; copies.
   */
  public synchronized List<Histogram> intervals() {
    cutInterval();
    return intervals.stream().map(Histogram::copy).toList();
  }
}
