package dev.junitsandbox.report;

/**
 * One point of a latency distribution, as the report plots it.
 *
 * @param percentile from 0 to 100
 * @param nanos the latency at that percentile, in nanoseconds
 */
public record Percentile(double percentile, long nanos) {

  public Percentile {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be from 0 to 100, but was " + percentile);
    }
  }
}
