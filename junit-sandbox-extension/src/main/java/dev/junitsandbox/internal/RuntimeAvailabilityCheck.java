package dev.junitsandbox.internal;

import dev.junitsandbox.SandboxSettings;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In strict mode ({@value SandboxSettings#RUNTIMES_REQUIRED}{@code =true}) fails each test of an
 * invocation whose runtime the daemon lacks, before the test method, so a CI gate never passes by
 * skipping. Without strict mode {@link RuntimesExtension} skips such invocations.
 */
record RuntimeAvailabilityCheck(CurrentRuntime current) implements BeforeEachCallback {

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
