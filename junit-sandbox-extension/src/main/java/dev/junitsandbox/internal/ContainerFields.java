package dev.junitsandbox.internal;

import dev.junitsandbox.DefaultRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import java.lang.reflect.Field;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;
import org.testcontainers.containers.GenericContainer;

/**
 * Puts the test's {@code GenericContainer} fields under the invocation's runtime, except those
 * annotated {@link DefaultRuntime}: instance fields as soon as the test instance exists (before
 * Testcontainers' {@code beforeEach} starts them), static fields when a class pass is prepared.
 *
 * <p>Static fields of a {@code @Testcontainers} class are already running by then: JUnit runs
 * class-level {@code beforeAll} callbacks once for the whole class template, so Testcontainers
 * starts them on the daemon's default runtime before the first pass. A pass restarts those that do
 * not already run under its runtime; a pass whose runtime is missing leaves them alone.
 */
record ContainerFields(RuntimeUnderTest runtime) implements TestInstancePostProcessor {

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    for (Field field : containerFields(testInstance.getClass(), false)) {
      GenericContainer<?> container = read(field, testInstance);
      if (container != null) {
        apply(field, container);
      }
    }
  }

  static void applyToStatic(Class<?> testClass, CurrentRuntime pass) {
    if (pass.unavailableReason().isPresent()) {
      return;
    }
    for (Field field : containerFields(testClass, true)) {
      GenericContainer<?> container = read(field, null);
      if (container == null) {
        continue;
      }
      boolean running = container.getContainerId() != null;
      if (running && runsUnder(container, pass.runtime())) {
        continue;
      }
      if (running) {
        container.stop();
      }
      pass.runtime().applyTo(container);
      if (running) {
        container.start();
      }
    }
  }

  private static boolean runsUnder(GenericContainer<?> container, RuntimeUnderTest runtime) {
    String actual = container.getCurrentContainerInfo().getHostConfig().getRuntime();
    // the host baseline wants the daemon's default, whose name we do not know: restart
    return runtime.dockerName().map(name -> name.equals(actual)).orElse(false);
  }

  static List<Field> containerFields(Class<?> testClass, boolean statics) {
    return ReflectionSupport.findFields(
        testClass,
        field ->
            GenericContainer.class.isAssignableFrom(field.getType())
                && ModifierSupport.isStatic(field) == statics
                && !field.isAnnotationPresent(DefaultRuntime.class),
        HierarchyTraversalMode.TOP_DOWN);
  }

  private static GenericContainer<?> read(Field field, Object instance) {
    return (GenericContainer<?>)
        ReflectionSupport.tryToReadFieldValue(field, instance).toOptional().orElse(null);
  }

  private void apply(Field field, GenericContainer<?> container) {
    try {
      // applyTo labels it too: removed by the next run if this JVM is killed (Ryuk is often
      // disabled where no registry is)
      runtime.applyTo(container);
    } catch (IllegalStateException alreadyRunning) {
      throw new ExtensionConfigurationException(
          String.format(
              "Configuration error: container field [%s] of %s was started before junit-sandbox"
                  + " could put it under runtime %s. Start it from Testcontainers' @Container"
                  + " (not by hand in a constructor), or annotate the field @DefaultRuntime to"
                  + " keep it on the default runtime.",
              field.getName(), field.getDeclaringClass().getName(), runtime),
          alreadyRunning);
    }
  }
}
