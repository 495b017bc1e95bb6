package dev.junitsandbox;

import dev.junitsandbox.internal.RuntimeConditions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips a {@link Runtimes} invocation (method or class pass) on the listed runtimes, with the given
 * reason.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RuntimeConditions.class)
public @interface DisabledOnRuntimes {

  ContainerRuntime[] value() default {};

  /** Further Docker runtime names, as in {@link Runtimes#names()}. */
  String[] names() default {};

  /** Why, shown in the skip reason. */
  String reason() default "";
}
