package dev.junitsandbox.report;

import java.util.Objects;

/**
 * How one test or container of a run ended, as the run report lists it.
 *
 * @param uniqueId JUnit's unique id
 * @param displayName the display name, e.g. {@code "getpid() [runsc]"}
 * @param status how it ended
 * @param reason the skip reason or the failure's message; empty when successful
 */
public record TestOutcome(String uniqueId, String displayName, Status status, String reason) {

  /** How a test or container ended, as the JUnit Platform reports it. */
  public enum Status {
    /** Ran and passed. */
    SUCCESSFUL,
    /** Ran and failed: an assertion or an error. */
    FAILED,
    /** Started, then stopped by a failed assumption or a probe that does not run there. */
    ABORTED,
    /** Never started, e.g. a runtime that is not installed. */
    SKIPPED
  }

  public TestOutcome {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }
}
