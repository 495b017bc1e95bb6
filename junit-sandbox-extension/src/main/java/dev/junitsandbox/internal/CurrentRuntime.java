package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The runtime of the invocation (method or class pass) being executed, kept in that invocation's
 * store so that every extension and nested context below it can find it.
 *
 * @param unavailableReason why the runtime cannot run here, or empty if it can
 * @param required whether a missing runtime fails instead of being skipped
 * @param round which round of the matrix this invocation belongs to, from 1
 * @param rounds how many rounds the matrix runs; 1 when it has no rounds
 */
record CurrentRuntime(
    RuntimeUnderTest runtime,
    Optional<String> unavailableReason,
    boolean required,
    int round,
    int rounds) {

  CurrentRuntime {
    if (rounds < 1 || round < 1 || round > rounds) {
      throw new IllegalArgumentException(
          "round " + round + " of " + rounds + ": a round is from 1 to the number of rounds");
    }
  }

  /** The only round of a matrix without rounds. */
  CurrentRuntime(RuntimeUnderTest runtime, Optional<String> unavailableReason, boolean required) {
    this(runtime, unavailableReason, required, 1, 1);
  }

  /** {@code " round 2 of 5"}, or empty for a matrix without rounds (names stay as they were). */
  String roundSuffix() {
    return rounds == 1 ? "" : " round " + round + " of " + rounds;
  }

  /** The runtime of the closest enclosing invocation, if {@code context} is inside one. */
  static Optional<CurrentRuntime> of(ExtensionContext context) {
    return Optional.ofNullable(
        context
            .getStore(RuntimesExtension.NAMESPACE)
            .get(CurrentRuntime.class, CurrentRuntime.class));
  }

  void storeIn(ExtensionContext invocation) {
    invocation.getStore(RuntimesExtension.NAMESPACE).put(CurrentRuntime.class, this);
  }
}
