package dev.junitsandbox.internal;

import java.util.List;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One invocation of a {@code @Runtimes} method, or one pass of a {@code @Runtimes} class: named
 * after its runtime (and its round, when the matrix has rounds), resolving {@code Sandbox} and
 * {@code RuntimeUnderTest} parameters, putting the test's containers under the runtime, and skipped
 * (or failed, in strict mode) when the runtime is missing.
 *
 * @param name what is invoked, e.g. {@code "getpid()"} or {@code "NginxTest"}
 * @param insideClassPass a method-level invocation inside a class-level pass
 */
record RuntimeInvocationContext(String name, CurrentRuntime current, boolean insideClassPass)
    implements TestTemplateInvocationContext, ClassTemplateInvocationContext {

  RuntimeInvocationContext(String name, CurrentRuntime current) {
    this(name, current, false);
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    // the runtime stays in brackets, where filters and the report look for it
    return name + " [" + current.runtime().id() + "]" + current.roundSuffix();
  }

  @Override
  public void prepareInvocation(ExtensionContext invocation) {
    current.storeIn(invocation);
    // a class pass: its static containers must run under its runtime before its tests and its
    // @BeforeEachRuntime methods
    if (invocation.getTestMethod().isEmpty()) {
      invocation
          .getTestClass()
          .ifPresent(testClass -> ContainerFields.applyToStatic(testClass, current));
    }
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    if (insideClassPass) {
      // the class pass already resolves parameters and handles containers for this runtime
      return List.of(new RuntimeAvailabilityCheck(current));
    }
    return List.of(
        new RuntimeAvailabilityCheck(current),
        new RuntimeParameterResolver(current.runtime()),
        new ContainerFields(current.runtime()),
        new RuntimePassLifecycle(current),
        new BaselineGateCallback());
  }
}
