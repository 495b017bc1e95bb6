package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.AfterEachRuntime;
import dev.junitsandbox.BeforeEachRuntime;
import dev.junitsandbox.DisabledOnRuntimes;
import dev.junitsandbox.EnabledOnRuntimes;
import dev.junitsandbox.RequiresCapability;
import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Fixtures for {@link ClassRuntimesTests}, run only through EngineTestKit; no container. */
class ClassRuntimesTestCases {

  /** What the fixtures saw, in order. */
  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  @Runtimes(
      value = {HOST, RUNC},
      names = RuntimesExtensionTestCases.MISSING_RUNTIME)
  @Fixture
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class WholeClass {
    @BeforeAll
    static void beforeAll() {
      EVENTS.add("beforeAll");
    }

    @BeforeEachRuntime
    static void beforePass(RuntimeUnderTest runtime) {
      EVENTS.add("beforePass " + runtime.id());
    }

    @Test
    void first(RuntimeUnderTest runtime) {
      EVENTS.add("first " + runtime.id());
    }

    @Test
    void second(RuntimeUnderTest runtime) {
      EVENTS.add("second " + runtime.id());
    }

    @AfterEachRuntime
    static void afterPass(RuntimeUnderTest runtime) {
      EVENTS.add("afterPass " + runtime.id());
    }

    @AfterAll
    static void afterAll() {
      EVENTS.add("afterAll");
    }
  }

  @Fixture
  @Runtimes({RUNC, RUNSC})
  static class MethodInsideClass {
    @Runtimes(RUNSC)
    void onlyOnRunsc(RuntimeUnderTest runtime) {
      EVENTS.add("onlyOnRunsc " + runtime.id());
    }
  }

  @Fixture
  static class Conditions {
    @Runtimes({HOST, RUNC, RUNSC})
    @DisabledOnRuntimes(value = RUNSC, reason = "gVisor lacks the feature")
    void notOnGvisor() {}

    @Runtimes({HOST, RUNC, RUNSC})
    @EnabledOnRuntimes(RUNC)
    void onlyOnRunc() {}

    @Runtimes({RUNC, RUNSC})
    @RequiresCapability(RuntimeCapability.IO_URING)
    void needsIoUring() {}
  }

  @Fixture
  static class ConditionWithoutRuntimes {
    @Test
    @EnabledOnRuntimes(RUNC)
    void misplaced() {}
  }
}
