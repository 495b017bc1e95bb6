package dev.junitsandbox;

import dev.junitsandbox.internal.RuntimeConditions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link Runtimes} invocation (method or class pass) only on the listed runtimes; the others
 * are skipped with a reason.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RuntimeConditions.class)
public @interface EnabledOnRuntimes {

  ContainerRuntime[] value() default {};

  /** Further Docker runtime names, as in {@link Runtimes#names()}. */
  String[] names() default {};
}
