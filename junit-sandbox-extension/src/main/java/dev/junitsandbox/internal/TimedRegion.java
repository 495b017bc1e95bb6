package dev.junitsandbox.internal;

import java.time.Instant;

/**
 * The one rule for a measurement's timed region, shared by {@code Measurement} and its reported
 * form {@code MeasurementResult}, so that a region the probe may record is one the report may hold.
 */
public final class TimedRegion {

  private TimedRegion() {}

  /**
   * Checks that the region of {@code probe} on {@code runtime} has both a start and an end (or
   * neither: unknown) and does not end before it starts.
   *
   * @throws IllegalArgumentException otherwise, naming the probe, the runtime and both times
   */
  public static void check(String probe, String runtime, Instant start, Instant end) {
    if ((start == null) != (end == null) || (start != null && end.isBefore(start))) {
      throw new IllegalArgumentException(
          String.format(
              "the timed region of %s on %s must have both a start and an end, the end not before"
                  + " the start, but it was %s to %s",
              probe, runtime, start, end));
    }
  }
}
