package dev.junitsandbox.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the phases of one {@link ProbeContext#launch launch} took, up to a line of its output:
 * the three add up to the launch-to-ready time the startup studies report.
 *
 * @param create the daemon's create call; {@link Duration#ZERO} on the host, where a launch is one
 *     {@code ProcessBuilder.start()}
 * @param start from sending the start call until it returned, or until the line arrived if that
 *     came first (under runc a short command often prints before the call returns); on the host
 *     until {@code ProcessBuilder.start()} returned
 * @param firstOutput from the end of {@code start} until the line arrived in the JVM
 */
public record LaunchPhases(Duration create, Duration start, Duration firstOutput) {

  public LaunchPhases {
    requireNotNegative("create", create);
    requireNotNegative("start", start);
    requireNotNegative("firstOutput", firstOutput);
  }

  private static void requireNotNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
    }
  }

  /** The whole launch: {@code create + start + firstOutput}. */
  public Duration total() {
    return create.plus(start).plus(firstOutput);
  }
}
