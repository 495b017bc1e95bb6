package dev.junitsandbox.internal;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit resource lock of {@code @Runtimes} tests under parallel execution: a test that can
 * measure (it, or its class pass, takes a {@link Sandbox}) holds {@value #KEY} exclusively; a test
 * that only uses {@code RuntimeUnderTest} or containers holds it shared. So measuring tests run one
 * at a time, with no other {@code @Runtimes} test starting containers beside them on the same
 * cores, while functional tests still run in parallel with each other. Registered by {@link
 * Runtimes} through {@code @ResourceLock(providers = ...)}; without parallel execution JUnit takes
 * no locks. Not API.
 */
public class MeasurementLocks implements ResourceLocksProvider {

  /** The resource: the machine's quiet, which a measurement needs to itself. */
  public static final String KEY = "dev.junitsandbox.measurements";

  /** The resource of one class's static containers, followed by the class's name. */
  public static final String STATIC_CONTAINERS_KEY_PREFIX = "dev.junitsandbox.static-containers:";

  private static final Set<Lock> EXCLUSIVE = Set.of(new Lock(KEY, ResourceAccessMode.READ_WRITE));
  private static final Set<Lock> SHARED = Set.of(new Lock(KEY, ResourceAccessMode.READ));

  @Override
  public Set<Lock> provideForClass(Class<?> testClass) {
    if (!AnnotationSupport.isAnnotated(testClass, Runtimes.class)) {
      return Set.of();
    }
    // a class pass: all its tests and @BeforeEachRuntime methods share its sandbox, so the whole
    // class holds the lock
    boolean measures =
        !ReflectionSupport.findMethods(
                    testClass, MeasurementLocks::takesSandbox, HierarchyTraversalMode.TOP_DOWN)
                .isEmpty()
            || Arrays.stream(testClass.getDeclaredConstructors())
                .anyMatch(MeasurementLocks::takesSandbox);
    if (ContainerFields.containerFields(testClass, true).isEmpty()) {
      return measures ? EXCLUSIVE : SHARED;
    }
    // static container fields are shared by all passes, and each pass restarts them under its
    // runtime: two passes at once would pull the containers away from each other (seen under
    // parallel execution: a runc pass's request refused while the runsc pass restarted nginx). An
    // exclusive lock of the class's own makes JUnit run its passes, and their tests, in one thread.
    Set<Lock> locks = new HashSet<>(measures ? EXCLUSIVE : SHARED);
    locks.add(
        new Lock(
            STATIC_CONTAINERS_KEY_PREFIX + testClass.getName(), ResourceAccessMode.READ_WRITE));
    return locks;
  }

  @Override
  public Set<Lock> provideForMethod(
      List<Class<?>> enclosingInstanceTypes, Class<?> testClass, Method testMethod) {
    if (AnnotationSupport.isAnnotated(testClass, Runtimes.class)) {
      return Set.of(); // the class pass holds it
    }
    // the invocation resolves a Sandbox for the method and for its class's @BeforeEach/@AfterEach
    boolean measures =
        takesSandbox(testMethod)
            || !ReflectionSupport.findMethods(
                    testClass,
                    method ->
                        (AnnotationSupport.isAnnotated(method, BeforeEach.class)
                                || AnnotationSupport.isAnnotated(method, AfterEach.class))
                            && takesSandbox(method),
                    HierarchyTraversalMode.TOP_DOWN)
                .isEmpty();
    return measures ? EXCLUSIVE : SHARED;
  }

  private static boolean takesSandbox(Executable executable) {
    return Arrays.stream(executable.getParameterTypes()).anyMatch(Sandbox.class::isAssignableFrom);
  }
}
