package dev.junitsandbox;

import dev.junitsandbox.internal.MeasurementLocks;
import dev.junitsandbox.internal.RuntimesExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Runs the annotated test method, or every test of the annotated class, once per container runtime.
 *
 * <pre>{@code
 * @Runtimes({HOST, RUNC, RUNSC})
 * void getpid(Sandbox sandbox) {
 *   Measurement getpid = sandbox.measure(Probes.syscall("getpid"));
 *   ...
 * }
 * }</pre>
 *
 * <p>Each invocation is named after its runtime, e.g. {@code getpid() [runsc]}, and can take a
 * {@link Sandbox} parameter: a container started under that runtime (or the host for {@link
 * ContainerRuntime#HOST}), closed when the invocation ends.
 *
 * <p><b>On a class</b> the whole class runs once per runtime ({@code NginxTest [runsc]}). Every
 * {@code GenericContainer} field not annotated {@link DefaultRuntime}, Testcontainers'
 * {@code @Container} fields included, runs under the pass's runtime. Tests can take the pass's
 * {@link Sandbox} or {@link RuntimeUnderTest}. JUnit runs {@code @BeforeAll}/{@code @AfterAll} once
 * around all passes; per-pass setup goes in {@link BeforeEachRuntime}/{@link AfterEachRuntime}
 * methods. A method in such a class with its own {@code @Runtimes} runs once per pass, on the
 * pass's runtime, and is skipped in passes whose runtime it does not list.
 *
 * <p><b>Rounds.</b> One run of each runtime is one trial, and on a shared machine one trial is not
 * evidence: {@code @Runtimes(value = {HOST, RUNC, RUNSC}, rounds = 5)} runs the matrix five times,
 * interleaved round by round (host, runc, runsc, host, runc, runsc, ...), each invocation in a
 * fresh sandbox, so drift of the machine spreads over all runtimes instead of biasing the last one.
 * Invocations are named {@code getpid() [runc] round 2 of 5}; the report keeps every round and
 * shows each runtime's median with its range. {@code junit.sandbox.rounds} overrides the rounds of
 * every matrix of a run.
 *
 * <p>A runtime the Docker daemon does not have is skipped with a reason that names it, what the
 * daemon has and how to register it; with {@code junit.sandbox.runtimes.required=true} such an
 * invocation fails instead, for CI gates that must not pass by skipping.
 *
 * <p>Under JUnit's parallel execution, tests that take a {@link Sandbox} (they can measure) run one
 * at a time and apart from other {@code @Runtimes} tests, and no two probes run at once; tests that
 * only use {@link RuntimeUnderTest} or containers run in parallel with each other.
 *
 * <p>Usable as a meta-annotation: annotate your own annotation with {@code @Runtimes(...)}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ClassTemplate
@TestTemplate
@ExtendWith(RuntimesExtension.class)
@ResourceLock(providers = MeasurementLocks.class)
public @interface Runtimes {

  /** The well-known runtimes to run on, in this order. */
  ContainerRuntime[] value() default {};

  /**
   * Further Docker runtime names, as registered with the daemon (e.g. {@code "runsc-debug"}), run
   * after {@link #value()}. Each must match {@code [A-Za-z0-9][A-Za-z0-9_.-]*}.
   */
  String[] names() default {};

  /**
   * How many times to run the whole matrix, round-major: every runtime once in round 1, then every
   * runtime once in round 2, and so on, each invocation with a fresh sandbox. From 1 to 100; the
   * default 1 runs each runtime once, named as without rounds ({@code getpid() [runc]}). The
   * configuration key {@code junit.sandbox.rounds}, when set, overrides it for every matrix of the
   * run. On a method inside a class-level {@code @Runtimes} it must stay 1: the class's rounds
   * apply.
   */
  int rounds() default 1;
}
