package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One invocation of a {@code @Runtimes} method: named after its runtime, resolving its {@code
 * Sandbox} parameter, and skipped (or failed, in strict mode) when the runtime is missing.
 *
 * @param methodDisplayName the method's display name, e.g. {@code "getpid()"}
 * @param unavailableReason why the runtime cannot run here, or empty if it can
 * @param required whether a missing runtime fails the invocation instead of skipping it
 */
record RuntimeInvocationContext(
    String methodDisplayName,
    RuntimeUnderTest runtime,
    Optional<String> unavailableReason,
    boolean required)
    implements TestTemplateInvocationContext {

  @Override
  public String getDisplayName(int invocationIndex) {
    return methodDisplayName + " [" + runtime.id() + "]";
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    return List.of(
        new RuntimeAvailabilityCheck(runtime, unavailableReason, required),
        new SandboxParameterResolver(runtime));
  }
}
