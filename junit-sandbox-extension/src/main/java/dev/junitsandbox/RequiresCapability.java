package dev.junitsandbox;

import dev.junitsandbox.internal.RuntimeConditions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips a {@link Runtimes} invocation (method or class pass) on runtimes that lack a capability,
 * with a reason naming the capability and the runtime.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RuntimeConditions.class)
public @interface RequiresCapability {

  /** Every capability the test needs. */
  RuntimeCapability[] value();
}
