package dev.junitsandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a static method of a class-level {@link Runtimes} test that runs before each runtime's pass
 * of the class; it can take the pass's {@link RuntimeUnderTest} or {@link Sandbox}.
 *
 * <p>Why not {@code @BeforeAll}: JUnit runs {@code @BeforeAll} once before all passes of a class
 * template, outside any runtime. A {@link Sandbox} taken here is shared by the pass's tests.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BeforeEachRuntime {}
