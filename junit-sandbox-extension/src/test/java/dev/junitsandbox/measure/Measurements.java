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

  /** An HTTP measurement on {@code runtime}: a requests/s figure and no latency distribution. */
  public static Measurement http(String runtime, double requestsPerSecond) {
    return Measurement.builder("http", runtime, Map.of("connections", "64"))
        .figure("requestsPerSecond", "req/s", requestsPerSecond, Figure.Better.HIGHER)
        .build();
  }
}
