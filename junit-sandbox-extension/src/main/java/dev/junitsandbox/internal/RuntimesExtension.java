package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContext;
import org.junit.jupiter.api.extension.ClassTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Turns a {@link Runtimes} method into one invocation per runtime and round. Registered by the
 * annotation itself; not API.
 *
 * <p>Holds no state: the daemon's answer and the settings are cached in the root store, so they are
 * read once per run and the extension is safe under parallel execution.
 */
public class RuntimesExtension
    implements TestTemplateInvocationContextProvider,
        ClassTemplateInvocationContextProvider,
        ExecutionCondition {

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
    String name = methodDisplayName(context, method);
    // validate before any side effect: no daemon query, no container for a broken declaration
    List<RuntimeUnderTest> targets = targets(method, context);
    Optional<CurrentRuntime> classPass = CurrentRuntime.of(context);
    if (classPass.isPresent()) {
      rejectRoundsInsideClassPass(method);
      return Stream.of(
          new RuntimeInvocationContext(name, withinClassPass(classPass.get(), targets), true));
    }
    int rounds = rounds(method, context);
    return invocations(name, targets, rounds, context)
        .map(TestTemplateInvocationContext.class::cast);
  }

  /**
   * Skips each test of an invocation or class pass whose runtime is missing, with the reason (JUnit
   * does not evaluate conditions on a class pass itself). Strict mode fails them instead, in {@link
   * RuntimeAvailabilityCheck}.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return CurrentRuntime.of(context)
        .filter(current -> !current.required())
        .flatMap(CurrentRuntime::unavailableReason)
        .map(ConditionEvaluationResult::disabled)
        .orElseGet(
            () -> ConditionEvaluationResult.enabled("runtime available, or none chosen yet"));
  }

  @Override
  public boolean supportsClassTemplate(ExtensionContext context) {
    return context
        .getTestClass()
        .map(testClass -> AnnotationSupport.isAnnotated(testClass, Runtimes.class))
        .orElse(false);
  }

  @Override
  public Stream<ClassTemplateInvocationContext> provideClassTemplateInvocationContexts(
      ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    List<RuntimeUnderTest> targets = targets(testClass, context);
    int rounds = rounds(testClass, context);
    return invocations(context.getDisplayName(), targets, rounds, context)
        .map(ClassTemplateInvocationContext.class::cast);
  }

  /**
   * Round-major: every runtime once per round (host, runc, runsc, host, runc, runsc, ...), so that
   * whatever drifts on the machine during the run falls on all runtimes alike instead of on the
   * runtime that happens to run last.
   */
  private static Stream<RuntimeInvocationContext> invocations(
      String name, List<RuntimeUnderTest> targets, int rounds, ExtensionContext context) {
    Settings settings = settings(context);
    RunResources resources = RunResources.of(context);
    return IntStream.rangeClosed(1, rounds)
        .boxed()
        .flatMap(
            round ->
                targets.stream()
                    .map(
                        target ->
                            new RuntimeInvocationContext(
                                name,
                                new CurrentRuntime(
                                    target,
                                    resources.unavailableReason(target),
                                    settings.runtimesRequired(),
                                    round,
                                    rounds))));
  }

  /** The rounds of {@code element}'s matrix: {@code junit.sandbox.rounds} if set, else its own. */
  private static int rounds(AnnotatedElement element, ExtensionContext context) {
    Runtimes runtimes = AnnotationSupport.findAnnotation(element, Runtimes.class).orElseThrow();
    // validated even when the key overrides it: a declaration must not break once the key is unset
    if (runtimes.rounds() < 1 || runtimes.rounds() > Settings.MAX_ROUNDS) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: @Runtimes on %s declares rounds = %d, but rounds must be from 1"
                  + " to %d (each round runs every listed runtime once, in a fresh sandbox); e.g."
                  + " @Runtimes(value = {HOST, RUNC}, rounds = 5), or leave rounds out to run each"
                  + " runtime once",
              where(element), runtimes.rounds(), Settings.MAX_ROUNDS));
    }
    return settings(context).rounds().orElse(runtimes.rounds());
  }

  /**
   * A method inside a class pass runs once per pass, so rounds of its own would have to nest inside
   * the class's, and would not interleave with the other runtimes: the class declares them.
   */
  private static void rejectRoundsInsideClassPass(Method method) {
    Runtimes runtimes = AnnotationSupport.findAnnotation(method, Runtimes.class).orElseThrow();
    if (runtimes.rounds() != 1) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: @Runtimes on %s declares rounds = %d, but it is inside a"
                  + " class-level @Runtimes, whose passes it runs in, so it cannot have rounds of"
                  + " its own; remove rounds here and declare them on the class, e.g."
                  + " @Runtimes(value = {HOST, RUNC}, rounds = %d) on %s",
              where(method),
              runtimes.rounds(),
              runtimes.rounds(),
              method.getDeclaringClass().getSimpleName()));
    }
  }

  private static String where(AnnotatedElement element) {
    return element instanceof Method method
        ? "method [" + method.toGenericString() + "]"
        : "class [" + ((Class<?>) element).getName() + "]";
  }

  /**
   * A method with its own {@code @Runtimes} inside a class pass runs once, on the pass's runtime,
   * and only if it lists that runtime: nesting the two matrices would run every method runtime in
   * every class pass.
   */
  private static CurrentRuntime withinClassPass(
      CurrentRuntime classPass, List<RuntimeUnderTest> methodRuntimes) {
    if (methodRuntimes.contains(classPass.runtime())) {
      return classPass;
    }
    return new CurrentRuntime(
        classPass.runtime(),
        Optional.of(
            String.format(
                "this method's @Runtimes lists %s, not %s, the runtime of this class pass",
                methodRuntimes.stream().map(RuntimeUnderTest::id).toList(),
                classPass.runtime().id())),
        false,
        classPass.round(),
        classPass.rounds());
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
            key ->
                Settings.read(
                    context::getConfigurationParameter, ConfigurationKeys.present(context)),
            Settings.class);
  }

  private static List<RuntimeUnderTest> targets(
      AnnotatedElement element, ExtensionContext context) {
    Runtimes runtimes = AnnotationSupport.findAnnotation(element, Runtimes.class).orElseThrow();
    Settings settings = settings(context);
    String where = where(element);
    if (runtimes.value().length == 0 && runtimes.names().length == 0) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: @Runtimes on %s must name at least one runtime,"
                  + " e.g. @Runtimes({HOST, RUNC, RUNSC}) or @Runtimes(names = \"my-runtime\")",
              where));
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
                "Configuration error: @Runtimes on %s names Docker runtime '%s', which is"
                    + " not a valid runtime name: use letters, digits, '_', '.' and '-', starting"
                    + " with a letter or digit, exactly as registered under \"runtimes\" in"
                    + " /etc/docker/daemon.json",
                where, name));
      }
      if (!targets.add(RuntimeUnderTest.docker(name, name))) {
        duplicates.add(name);
      }
    }
    if (!duplicates.isEmpty()) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: @Runtimes on %s lists %s more than once; list each"
                  + " runtime once",
              where, String.join(", ", duplicates)));
    }
    return List.copyOf(targets);
  }
}
