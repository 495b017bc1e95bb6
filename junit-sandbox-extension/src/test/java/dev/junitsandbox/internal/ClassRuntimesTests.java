package dev.junitsandbox.internal;

import static dev.junitsandbox.internal.EngineResultsAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Class-level matrices, their composition with method-level ones, and runtime conditions. No Docker
 * needed: each run sees the daemon answer the test supplies. Class passes with containers are in
 * {@link SandboxIntegrationTests}.
 */
class ClassRuntimesTests {

  // io_uring as the probe answers on a machine like this one; the real probe: CapabilityProbeTests
  private static final SuppliedDaemon RUNC_AND_RUNSC =
      SuppliedDaemon.registering("runc", "runsc")
          .withIoUring("runc", "ok")
          .withIoUring("runsc", "ENOSYS");

  @TempDir Path reports;

  @BeforeEach
  void clear() {
    ClassRuntimesTestCases.EVENTS.clear();
  }

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports, RUNC_AND_RUNSC);
  }

  @Test
  void runsTheWholeClassOncePerRuntimeWithPerPassLifecycleMethods() {
    // WHEN
    EngineExecutionResults results = run(ClassRuntimesTestCases.WholeClass.class);

    // THEN two passes ran completely; the missing runtime's tests were skipped with the reason
    assertThat(ClassRuntimesTestCases.EVENTS)
        .containsExactly(
            "beforeAll",
            "beforePass host",
            "first host",
            "second host",
            "afterPass host",
            "beforePass runc",
            "first runc",
            "second runc",
            "afterPass runc",
            "afterAll");
    // JUnit does not evaluate conditions on a class pass itself, so its tests carry the reason
    assertThat(results)
        .hasSucceededContainer("ClassRuntimesTestCases$WholeClass [host]")
        .hasSucceededContainer("ClassRuntimesTestCases$WholeClass [runc]")
        .hasSucceededContainer(
            "ClassRuntimesTestCases$WholeClass ["
                + RuntimesExtensionTestCases.MISSING_RUNTIME
                + "]")
        .hasNumberOfSucceededTests(4)
        .hasNumberOfSkippedTests(2)
        .eachSkippedTest()
        .withReasonContaining("is not registered with the Docker daemon");
  }

  @Test
  void failsTheTestsOfAMissingRuntimesPassInStrictModeWithoutItsLifecycleMethods() {
    // WHEN
    EngineExecutionResults results =
        EngineRuns.run(
            ClassRuntimesTestCases.WholeClass.class,
            reports,
            RUNC_AND_RUNSC,
            Map.of(SandboxSettings.RUNTIMES_REQUIRED, "true"));

    // THEN
    assertThat(ClassRuntimesTestCases.EVENTS)
        .doesNotContain(
            "beforePass " + RuntimesExtensionTestCases.MISSING_RUNTIME,
            "afterPass " + RuntimesExtensionTestCases.MISSING_RUNTIME);
    assertThat(results)
        .hasNumberOfSucceededTests(4)
        .hasNumberOfSkippedTests(0)
        .hasNumberOfFailedTests(2)
        .eachFailedTest()
        .withMessageContaining("is not registered", "junit.sandbox.runtimes.required=true");
  }

  @Test
  void runsAMethodMatrixOnlyInTheClassPassesItLists() {
    // WHEN
    EngineExecutionResults results = run(ClassRuntimesTestCases.MethodInsideClass.class);

    // THEN
    assertThat(ClassRuntimesTestCases.EVENTS).containsExactly("onlyOnRunsc runsc");
    assertThat(results)
        .hasSucceededTest("onlyOnRunsc() [runsc]")
        .hasSkippedTest("onlyOnRunsc() [runc]")
        .withReason(
            "this method's @Runtimes lists [runsc], not runc, the runtime of this class pass");
  }

  @Test
  void skipsByRuntimeConditionsNamingTheRuntime() {
    // WHEN
    EngineExecutionResults results = run(ClassRuntimesTestCases.Conditions.class);

    // THEN
    assertThat(results)
        .hasSucceededTest("notOnGvisor() [runc]")
        .hasSucceededTest("onlyOnRunc() [runc]")
        .hasSucceededTest("needsIoUring() [runc]")
        .hasSkippedTest("notOnGvisor() [runsc]")
        .withReason("@DisabledOnRuntimes on runtime runsc: gVisor lacks the feature")
        .and()
        .hasSkippedTest("onlyOnRunc() [host]")
        .withReason("@EnabledOnRuntimes[runc]: not on runtime host")
        .and()
        .hasSkippedTest("needsIoUring() [runsc]")
        .withReason(
            "requires capability IO_URING, which runtime runsc lacks: io_uring_setup failed with"
                + " ENOSYS in runsc (probed with sandbox-probe iouring; gVisor offers io_uring only"
                + " when runsc runs with --iouring)");
  }

  @Test
  void rejectsARuntimeConditionOutsideAMatrix() {
    EngineExecutionResults results = run(ClassRuntimesTestCases.ConditionWithoutRuntimes.class);

    assertThat(results)
        .hasSingleFailedTest()
        .withMessageContaining(
            "Configuration error: [misplaced()] uses a runtime condition",
            "is not part of a @Runtimes matrix; add @Runtimes to the method or its class");
  }
}
