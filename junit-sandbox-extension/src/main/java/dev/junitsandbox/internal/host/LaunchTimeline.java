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

  /** The phases up to a line that arrived at {@code ready}. */
  public LaunchPhases phasesUntil(long ready) {
    // under runc a short command's line often arrives before the start call returns
    long startEnd = Math.min(startReturned, ready);
    return new LaunchPhases(
        Duration.ofNanos(created - begin),
        Duration.ofNanos(startEnd - startSent),
        Duration.ofNanos(ready - startEnd));
  }
}
