package dev.junitsandbox.report;

import java.util.Objects;

/**
 * How one test or container of a run ended, as the run report lists it.
 *
 * @param uniqueId JUnit's unique id
 * @param displayName the display name, e.g. {@code "getpid() [runsc]"}
 * @param status {@code "successful"}, {@code "failed"}, {@code "aborted"} or {@code "skipped"}
 * @param reason the skip reason or the failure's message; empty when successful
 */
public record TestOutcome(String uniqueId, String displayName, String status, String reason) {

  public TestOutcome {
    Objects.requireNonNull(uniqueId, "uniqueId");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
  }
}
