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
record RuntimeAvailabilityCheck(CurrentRuntime current)
    implements ExecutionCondition, BeforeEachCallback {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    RuntimeUnderTest runtime = current.runtime();
    Optional<String> unavailableReason = current.unavailableReason();
    if (unavailableReason.isEmpty()) {
      return ConditionEvaluationResult.enabled("runtime " + runtime.id() + " is available");
    }
    if (current.required()) {
      return ConditionEvaluationResult.enabled(
          "runtime " + runtime.id() + " is missing, and required: the invocation will fail");
    }
    return ConditionEvaluationResult.disabled(unavailableReason.get());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (current.unavailableReason().isPresent() && current.required()) {
      throw new RuntimeUnavailableException(
          current.unavailableReason().get()
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
