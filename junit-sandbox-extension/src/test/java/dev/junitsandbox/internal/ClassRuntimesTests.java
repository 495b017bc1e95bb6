package dev.junitsandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Class-level matrices, their composition with method-level ones, containers and conditions. */
class ClassRuntimesTests {

  @TempDir Path reports;

  @BeforeEach
  void clear() {
    ClassRuntimesTestCases.EVENTS.clear();
    ClassRuntimesTestCases.CONTAINER_RUNTIMES.clear();
  }

  private EngineExecutionResults run(Class<?> testCase) {
    return EngineRuns.run(testCase, reports);
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
    results
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(),
                displayName("ClassRuntimesTestCases$WholeClass [host]"),
                finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                container(),
                displayName("ClassRuntimesTestCases$WholeClass [runc]"),
                finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                container(),
                displayName(
                    "ClassRuntimesTestCases$WholeClass ["
                        + RuntimesExtensionTestCases.MISSING_RUNTIME
                        + "]"),
                finishedSuccessfully()));
    // JUnit does not evaluate conditions on a class pass itself, so its tests carry the reason
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            2,
            event(
                test(),
                skippedWithReason(r -> r.contains("is not registered with the Docker daemon"))));
  }

  @Test
  void runsAMethodMatrixOnlyInTheClassPassesItLists() {
    // WHEN
    EngineExecutionResults results = run(ClassRuntimesTestCases.MethodInsideClass.class);

    // THEN
    assertThat(ClassRuntimesTestCases.EVENTS).containsExactly("onlyOnRunsc runsc");
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("onlyOnRunsc() [runsc]"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test(),
                displayName("onlyOnRunsc() [runc]"),
                skippedWithReason(
                    "this method's @Runtimes lists [runsc], not runc, the runtime of this class pass")));
  }

  @Test
  void startsStaticContainersUnderEachPassButLeavesOptedOutOnesOnTheDefault() {
    // WHEN
    EngineExecutionResults results = run(ClassRuntimesTestCases.StaticContainers.class);

    // THEN
    results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    assertThat(ClassRuntimesTestCases.CONTAINER_RUNTIMES)
        .containsEntry("runc/service", "runc")
        .containsEntry("runsc/service", "runsc")
        .containsEntry("runc/dependency", "runc")
        .containsEntry("runsc/dependency", "runc");
  }

  @Test
  void startsInstanceContainersUnderTheMethodsRuntime() {
    EngineExecutionResults results = run(ClassRuntimesTestCases.InstanceContainer.class);

    results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    assertThat(ClassRuntimesTestCases.CONTAINER_RUNTIMES)
        .containsEntry("runc/instance", "runc")
        .containsEntry("runsc/instance", "runsc");
  }

  @Test
  void skipsByRuntimeConditionsNamingTheRuntime() {
    // WHEN
    EngineExecutionResults results = run(ClassRuntimesTestCases.Conditions.class);

    // THEN
    results
        .testEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                displayName("notOnGvisor() [runsc]"),
                skippedWithReason(
                    "@DisabledOnRuntimes on runtime runsc: gVisor lacks the feature")))
        .haveExactly(1, event(test(), displayName("notOnGvisor() [runc]"), finishedSuccessfully()))
        .haveExactly(1, event(test(), displayName("onlyOnRunc() [runc]"), finishedSuccessfully()))
        .haveExactly(
            1,
            event(
                test(),
                displayName("onlyOnRunc() [host]"),
                skippedWithReason("@EnabledOnRuntimes[runc]: not on runtime host")))
        .haveExactly(
            1,
            event(
                test(),
                displayName("needsIoUring() [runsc]"),
                skippedWithReason(
                    r -> r.startsWith("requires capability IO_URING, which runtime runsc lacks"))))
        .haveExactly(
            1, event(test(), displayName("needsIoUring() [runc]"), finishedSuccessfully()));
  }

  @Test
  void rejectsARuntimeConditionOutsideAMatrix() {
    EngineExecutionResults results = run(ClassRuntimesTestCases.ConditionWithoutRuntimes.class);

    results
        .allEvents()
        .assertThatEvents()
        .haveAtLeastOne(
            event(
                finishedWithFailure(
                    message(m -> m.contains("is not part of a @Runtimes matrix")))));
  }
}
