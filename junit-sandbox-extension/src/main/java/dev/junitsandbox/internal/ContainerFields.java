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
 * Puts the test's {@code GenericContainer} fields under the invocation's runtime before they start,
 * except those annotated {@link DefaultRuntime}: instance fields as soon as the test instance
 * exists (before Testcontainers' {@code beforeEach} starts them), static fields when a class pass
 * is prepared (before its {@code beforeAll}).
 */
record ContainerFields(RuntimeUnderTest runtime) implements TestInstancePostProcessor {

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    apply(testInstance.getClass(), testInstance, runtime, false);
  }

  static void applyToStatic(Class<?> testClass, RuntimeUnderTest runtime) {
    apply(testClass, null, runtime, true);
  }

  private static void apply(
      Class<?> testClass, Object instance, RuntimeUnderTest runtime, boolean statics) {
    List<Field> fields =
        ReflectionSupport.findFields(
            testClass,
            field ->
                GenericContainer.class.isAssignableFrom(field.getType())
                    && ModifierSupport.isStatic(field) == statics
                    && !field.isAnnotationPresent(DefaultRuntime.class),
            HierarchyTraversalMode.TOP_DOWN);
    for (Field field : fields) {
      Object value =
          ReflectionSupport.tryToReadFieldValue(field, instance).toOptional().orElse(null);
      if (value == null) {
        continue;
      }
      try {
        runtime.applyTo((GenericContainer<?>) value);
      } catch (IllegalStateException alreadyRunning) {
        throw new ExtensionConfigurationException(
            String.format(
                "Configuration error: container field [%s] of %s was started before junit-sandbox"
                    + " could put it under runtime %s. Declare @Runtimes before @Testcontainers on"
                    + " the class, use a class-level @Runtimes for static containers, or annotate"
                    + " the field @DefaultRuntime to keep it on the default runtime.",
                field.getName(), testClass.getName(), runtime),
            alreadyRunning);
      }
    }
  }
}
