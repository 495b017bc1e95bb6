package dev.junitsandbox.measure;

import java.util.Map;
import org.HdrHistogram.Histogram;

/** Measurements with known values, for tests of what consumes them. */
public final class Measurements {

  private Measurements() {}

  /** A getpid measurement on {@code runtime} holding {@code nanos}. */
  public static Measurement getpid(String runtime, long... nanos) {
    Histogram histogram = Measurement.newNanosHistogram();
    for (long value : nanos) {
      histogram.recordValue(value);
    }
    return new Measurement(
        "syscall.getpid", runtime, "latency per call", Map.of("calls", "10000"), histogram);
  }
}
