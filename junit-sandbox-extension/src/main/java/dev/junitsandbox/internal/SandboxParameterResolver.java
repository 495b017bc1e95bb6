package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Sandbox;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link Sandbox} parameter to the invocation's sandbox, opened on first use and kept in
 * the invocation's store, so JUnit closes it (removing the container) when the invocation ends,
 * whatever its outcome.
 */
record SandboxParameterResolver(RuntimeUnderTest runtime) implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Sandbox.class;
  }

  @Override
  public Sandbox resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(RuntimesExtension.NAMESPACE)
        .computeIfAbsent(
            Sandbox.class,
            key -> RunResources.of(context).openSandbox(runtime, context),
            ReportingSandbox.class);
  }
}
