package dev.junitsandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keeps a container field on the daemon's default runtime in a {@link Runtimes} test: for the
 * containers your service depends on (a database, a message broker) that are not under test.
 *
 * <pre>{@code
 * @Container @DefaultRuntime
 * static PostgreSQLContainer<?> database = ...;
 * }</pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DefaultRuntime {}
