package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.AfterEachRuntime;
import dev.junitsandbox.BeforeEachRuntime;
import dev.junitsandbox.DefaultRuntime;
import dev.junitsandbox.DisabledOnRuntimes;
import dev.junitsandbox.EnabledOnRuntimes;
import dev.junitsandbox.RequiresCapability;
import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** Fixtures for {@link ClassRuntimesTests}, run only through EngineTestKit. */
class ClassRuntimesTestCases {

  /** What the fixtures saw, in order. */
  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  /** HostConfig.runtime of each container, by "pass/field". */
  static final Map<String, String> CONTAINER_RUNTIMES = new ConcurrentHashMap<>();

  static GenericContainer<?> sleeper() {
    return new GenericContainer<>(DockerImageName.parse(ProbeImage.ensureAvailable()))
        .withCommand("sleep", "infinity");
  }

  static String runtimeOf(GenericContainer<?> container) {
    return container.getCurrentContainerInfo().getHostConfig().getRuntime();
  }

  @Runtimes(
      value = {HOST, RUNC},
      names = RuntimesExtensionTestCases.MISSING_RUNTIME)
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

  @Runtimes({RUNC, RUNSC})
  static class MethodInsideClass {
    @Runtimes(RUNSC)
    void onlyOnRunsc(RuntimeUnderTest runtime) {
      EVENTS.add("onlyOnRunsc " + runtime.id());
    }
  }

  @Runtimes({RUNC, RUNSC})
  @Testcontainers
  static class StaticContainers {
    @Container static GenericContainer<?> service = sleeper();

    @Container @DefaultRuntime static GenericContainer<?> dependency = sleeper();

    @Test
    void record(RuntimeUnderTest runtime) {
      CONTAINER_RUNTIMES.put(runtime.id() + "/service", runtimeOf(service));
      CONTAINER_RUNTIMES.put(runtime.id() + "/dependency", runtimeOf(dependency));
    }
  }

  @Testcontainers
  static class InstanceContainer {
    @Container GenericContainer<?> service = sleeper();

    @Runtimes({RUNC, RUNSC})
    void record(RuntimeUnderTest runtime) {
      CONTAINER_RUNTIMES.put(runtime.id() + "/instance", runtimeOf(service));
    }
  }

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

  static class ConditionWithoutRuntimes {
    @Test
    @EnabledOnRuntimes(RUNC)
    void misplaced() {}
  }
}
