package dev.junitsandbox.internal.host;

import dev.junitsandbox.probe.LaunchPhases;
import java.time.Duration;

/**
 * The {@link System#nanoTime()} readings of one launch, from which {@link LaunchPhases} are
 * computed once its line arrives. Attaching to the output (between create and start, as {@code
 * docker run} does) is outside every phase.
 *
 * @param begin before the create call (before starting the process on the host)
 * @param created after the create call returned ({@code begin} on the host)
 * @param startSent before the start call was sent ({@code begin} on the host)
 * @param startReturned after the start call (or {@code ProcessBuilder.start()}) returned
 */
public record LaunchTimeline(long begin, long created, long startSent, long startReturned) {

  /** A process launch on the host: no create call, the start is {@code ProcessBuilder.start()}. */
  public static LaunchTimeline ofProcess(long begin, long started) {
    return new LaunchTimeline(begin, begin, begin, started);
  }

  /**
   * The phases up to {@code end}: the arrival of a line, or a moment the probe observed.
   *
   * @throws IllegalArgumentException if {@code end} is before the start call was sent: nothing of
   *     the launch can have been seen then
   */
  public LaunchPhases phasesUntil(long end) {
    if (end - startSent < 0) {
      throw new IllegalArgumentException(
          String.format(
              "the end point must come after the start call was sent, but was %d ns before it;"
                  + " take it with System.nanoTime() once the launch has begun",
              startSent - end));
    }
    // under runc a short command's line often arrives before the start call returns
    long startEnd = Math.min(startReturned, end);
    return new LaunchPhases(
        Duration.ofNanos(created - begin),
        Duration.ofNanos(startEnd - startSent),
        Duration.ofNanos(end - startEnd));
  }
}
