package dev.junitsandbox.internal;

import dev.junitsandbox.AfterEachRuntime;
import dev.junitsandbox.BeforeEachRuntime;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Runs {@link BeforeEachRuntime} and {@link AfterEachRuntime} methods around a class pass, except
 * in a pass whose runtime is missing (its tests are skipped or failed one by one).
 */
record RuntimePassLifecycle(CurrentRuntime current)
    implements BeforeClassTemplateInvocationCallback, AfterClassTemplateInvocationCallback {

  @Override
  public void beforeClassTemplateInvocation(ExtensionContext pass) {
    invoke(pass, BeforeEachRuntime.class, HierarchyTraversalMode.TOP_DOWN);
  }

  @Override
  public void afterClassTemplateInvocation(ExtensionContext pass) {
    invoke(pass, AfterEachRuntime.class, HierarchyTraversalMode.BOTTOM_UP);
  }

  private void invoke(
      ExtensionContext pass, Class<? extends Annotation> marker, HierarchyTraversalMode order) {
    if (current.unavailableReason().isPresent()) {
      return;
    }
    List<Method> methods =
        ReflectionSupport.findMethods(
            pass.getRequiredTestClass(), method -> method.isAnnotationPresent(marker), order);
    for (Method method : methods) {
      if (!ModifierSupport.isStatic(method)) {
        throw new ExtensionConfigurationException(
            String.format(
                "Configuration error: @%s method [%s] must be static: it runs once per runtime"
                    + " pass, outside any test instance",
                marker.getSimpleName(), method.toGenericString()));
      }
      pass.getExecutableInvoker().invoke(method, null);
    }
  }
}
