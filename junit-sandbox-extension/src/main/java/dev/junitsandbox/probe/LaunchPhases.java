package dev.junitsandbox.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the phases of one {@link ProbeContext#launch launch} took, up to its end point: a line
 * of its output ({@link LaunchedSandbox#awaitOutputLine}) or a moment the probe observed itself,
 * such as a server on the host accepting the sandbox's connection ({@link
 * LaunchedSandbox#phasesUntil}). The three add up to the launch time the startup studies report.
 *
 * @param create the daemon's create call; {@link Duration#ZERO} on the host, where a launch is one
 *     {@code ProcessBuilder.start()}
 * @param start from sending the start call until it returned, or until the end point if that came
 *     first (under runc a short command often prints before the call returns); on the host until
 *     {@code ProcessBuilder.start()} returned
 * @param afterStart from the end of {@code start} until the end point: the line's arrival in the
 *     JVM, or the moment given to {@link LaunchedSandbox#phasesUntil}
 */
public record LaunchPhases(Duration create, Duration start, Duration afterStart) {

  public LaunchPhases {
    requireNotNegative("create", create);
    requireNotNegative("start", start);
    requireNotNegative("afterStart", afterStart);
  }

  private static void requireNotNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be 0 or more, but was " + value);
    }
  }

  /** The whole launch: {@code create + start + afterStart}. */
  public Duration total() {
    return create.plus(start).plus(afterStart);
  }
}
