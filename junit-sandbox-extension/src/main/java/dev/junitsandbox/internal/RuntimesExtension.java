package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns a {@link Runtimes} method into one invocation per runtime. Registered by the annotation
 * itself; not API.
 *
 * <p>Holds no state: the daemon's answer and the settings are cached in the root store, so they are
 * read once per run and the extension is safe under parallel execution.
 */
public class RuntimesExtension implements TestTemplateInvocationContextProvider {

  static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RuntimesExtension.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(method -> AnnotationSupport.isAnnotated(method, Runtimes.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Runtimes runtimes = AnnotationSupport.findAnnotation(method, Runtimes.class).orElseThrow();
    // validate before any side effect: no daemon query, no container for a broken declaration
    Settings settings = settings(context);
    List<RuntimeUnderTest> targets = targets(method, runtimes, settings);
    RunResources resources = RunResources.of(context);
    return targets.stream()
        .map(
            target ->
                new RuntimeInvocationContext(
                    methodDisplayName(context, method),
                    target,
                    resources.unavailableReason(target),
                    settings.runtimesRequired()));
  }

  /**
   * {@code getpid()} for a method named {@code getpid}, whatever its parameters, so display names
   * read {@code getpid() [runsc]}; a {@code @DisplayName} is kept as it is.
   */
  private static String methodDisplayName(ExtensionContext context, Method method) {
    String displayName = context.getDisplayName();
    return displayName.startsWith(method.getName() + "(") ? method.getName() + "()" : displayName;
  }

  static Settings settings(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(
            Settings.class,
            key -> Settings.read(context::getConfigurationParameter),
            Settings.class);
  }

  private static List<RuntimeUnderTest> targets(
      Method method, Runtimes runtimes, Settings settings) {
    if (runtimes.value().length == 0 && runtimes.names().length == 0) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: @Runtimes on method [%s] must name at least one runtime,"
                  + " e.g. @Runtimes({HOST, RUNC, RUNSC}) or @Runtimes(names = \"my-runtime\")",
              method.toGenericString()));
    }
    Set<RuntimeUnderTest> targets = new LinkedHashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (ContainerRuntime runtime : runtimes.value()) {
      if (!targets.add(settings.runtimeUnderTest(runtime))) {
        duplicates.add(runtime.name());
      }
    }
    for (String name : runtimes.names()) {
      if (!RuntimeUnderTest.isValidDockerName(name)) {
        throw new ExtensionConfigurationException(
            String.format(
                "Configuration error: @Runtimes on method [%s] names Docker runtime '%s', which is"
                    + " not a valid runtime name: use letters, digits, '_', '.' and '-', starting"
                    + " with a letter or digit, exactly as registered under \"runtimes\" in"
                    + " /etc/docker/daemon.json",
                method.toGenericString(), name));
      }
      if (!targets.add(RuntimeUnderTest.docker(name, name))) {
        duplicates.add(name);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: @Runtimes on method [%s] lists %s more than once; list each"
                  + " runtime once",
              method.toGenericString(), String.join(", ", duplicates)));
    }
    return List.copyOf(targets);
  }
}
