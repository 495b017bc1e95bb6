package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link RuntimeUnderTest} and {@link Sandbox} parameters. The sandbox is opened on first
 * use and kept in the store of the context that asked (a test, or a class pass for a
 * {@code @BeforeEachRuntime} method), so JUnit closes it, removing the container, when that context
 * ends; the tests of a pass whose {@code @BeforeEachRuntime} took a sandbox share it.
 */
record RuntimeParameterResolver(RuntimeUnderTest runtime) implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Sandbox.class || type == RuntimeUnderTest.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getParameter().getType() == RuntimeUnderTest.class) {
      return runtime;
    }
    return context
        .getStore(RuntimesExtension.NAMESPACE)
        .computeIfAbsent(
            Sandbox.class,
            key -> RunResources.of(context).openSandbox(runtime, context),
            ReportingSandbox.class);
  }
}
