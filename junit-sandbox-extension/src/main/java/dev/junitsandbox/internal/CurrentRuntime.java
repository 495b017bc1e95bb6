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
 */
record CurrentRuntime(
    RuntimeUnderTest runtime, Optional<String> unavailableReason, boolean required) {

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
