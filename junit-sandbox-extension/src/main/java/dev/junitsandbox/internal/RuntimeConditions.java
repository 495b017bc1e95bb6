package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.DisabledOnRuntimes;
import dev.junitsandbox.EnabledOnRuntimes;
import dev.junitsandbox.RequiresCapability;
import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Evaluates {@link EnabledOnRuntimes}, {@link DisabledOnRuntimes} and {@link RequiresCapability}
 * against the runtime of the enclosing {@code @Runtimes} invocation. Registered by those
 * annotations; not API.
 */
public class RuntimeConditions implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<CurrentRuntime> current = CurrentRuntime.of(context);
    if (current.isEmpty()) {
      requireRuntimes(context);
      // the template itself, before its invocations exist: each invocation decides
      return ConditionEvaluationResult.enabled("no runtime chosen yet");
    }
    RuntimeUnderTest runtime = current.get().runtime();
    AnnotatedElement element = context.getElement().orElseThrow();
    Optional<EnabledOnRuntimes> enabled =
        AnnotationSupport.findAnnotation(element, EnabledOnRuntimes.class);
    if (enabled.isPresent()) {
      List<String> allowed = ids(enabled.get().value(), enabled.get().names());
      if (!allowed.contains(runtime.id())) {
        return ConditionEvaluationResult.disabled(
            String.format("@EnabledOnRuntimes%s: not on runtime %s", allowed, runtime.id()));
      }
    }
    Optional<DisabledOnRuntimes> disabled =
        AnnotationSupport.findAnnotation(element, DisabledOnRuntimes.class);
    if (disabled.isPresent()
        && ids(disabled.get().value(), disabled.get().names()).contains(runtime.id())) {
      String reason = disabled.get().reason();
      return ConditionEvaluationResult.disabled(
          "@DisabledOnRuntimes on runtime "
              + runtime.id()
              + (reason.isBlank() ? "" : ": " + reason));
    }
    Optional<RequiresCapability> requires =
        AnnotationSupport.findAnnotation(element, RequiresCapability.class);
    // an unavailable runtime is skipped or failed by RuntimesExtension; probing it would only fail
    if (requires.isPresent() && current.get().unavailableReason().isEmpty()) {
      CapabilityCheck check = CapabilityCheck.of(context);
      for (RuntimeCapability capability : requires.get().value()) {
        Optional<String> missing = check.missingOn(capability, runtime);
        if (missing.isPresent()) {
          return ConditionEvaluationResult.disabled(
              String.format(
                  "requires capability %s, which runtime %s lacks: %s",
                  capability, runtime.id(), missing.get()));
        }
      }
    }
    return ConditionEvaluationResult.enabled("runtime " + runtime.id() + " qualifies");
  }

  private static void requireRuntimes(ExtensionContext context) {
    boolean inMatrix =
        context
                .getTestMethod()
                .map(m -> AnnotationSupport.isAnnotated(m, Runtimes.class))
                .orElse(false)
            || context
                .getTestClass()
                .map(c -> AnnotationSupport.isAnnotated(c, Runtimes.class))
                .orElse(false);
    if (!inMatrix) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: [%s] uses a runtime condition (@EnabledOnRuntimes,"
                  + " @DisabledOnRuntimes or @RequiresCapability) but is not part of a @Runtimes"
                  + " matrix; add @Runtimes to the method or its class",
              context.getDisplayName()));
    }
  }

  private static List<String> ids(ContainerRuntime[] runtimes, String[] names) {
    List<String> ids = new ArrayList<>();
    for (ContainerRuntime runtime : runtimes) {
      ids.add(runtime.id());
    }
    ids.addAll(List.of(names));
    return ids;
  }
}
