package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.SandboxSettings;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips an invocation whose runtime the daemon lacks, with the reason; in strict mode ({@value
 * SandboxSettings#RUNTIMES_REQUIRED}{@code =true}) lets it run and fails it before the test method
 * instead, so a CI gate never passes by skipping.
 */
record RuntimeAvailabilityCheck(
    RuntimeUnderTest runtime, Optional<String> unavailableReason, boolean required)
    implements ExecutionCondition, BeforeEachCallback {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (unavailableReason.isEmpty()) {
      return ConditionEvaluationResult.enabled("runtime " + runtime.id() + " is available");
    }
    if (required) {
      return ConditionEvaluationResult.enabled(
          "runtime " + runtime.id() + " is missing, and required: the invocation will fail");
    }
    return ConditionEvaluationResult.disabled(unavailableReason.get());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (unavailableReason.isPresent() && required) {
      throw new RuntimeUnavailableException(
          unavailableReason.get()
              + " (failing instead of skipping because "
              + SandboxSettings.RUNTIMES_REQUIRED
              + "=true)");
    }
  }

  /** A required runtime is missing. */
  static final class RuntimeUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuntimeUnavailableException(String message) {
      super(message);
    }
  }
}
