package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider.Lock;
import org.testcontainers.containers.GenericContainer;

/**
 * Which locks a {@code @Runtimes} class holds under parallel execution. JUnit runs the passes and
 * tests of a class that holds any exclusive lock in one thread; that is what a class whose passes
 * share static containers needs (the example study failed once without it: a runc pass's request
 * was refused while the runsc pass restarted the shared nginx).
 */
class MeasurementLocksTests {

  private final MeasurementLocks locks = new MeasurementLocks();

  @Test
  void aFunctionalClassWithStaticContainersHoldsItsOwnExclusiveLock() {
    // WHEN
    Set<Lock> held = locks.provideForClass(StaticContainers.class);

    // THEN shared measurements (its tests measure nothing), and its own containers exclusively
    assertThat(held)
        .containsExactlyInAnyOrder(
            new Lock(MeasurementLocks.KEY, ResourceAccessMode.READ),
            new Lock(
                MeasurementLocks.STATIC_CONTAINERS_KEY_PREFIX + StaticContainers.class.getName(),
                ResourceAccessMode.READ_WRITE));
  }

  @Test
  void aFunctionalClassWithoutStaticContainersRunsItsPassesInParallel() {
    assertThat(locks.provideForClass(InstanceContainers.class))
        .containsExactly(new Lock(MeasurementLocks.KEY, ResourceAccessMode.READ));
  }

  @Test
  void aMeasuringClassHoldsTheMeasurementsExclusively() {
    assertThat(locks.provideForClass(Measuring.class))
        .containsExactly(new Lock(MeasurementLocks.KEY, ResourceAccessMode.READ_WRITE));
  }

  @Test
  void aClassWithoutRuntimesHoldsNothing() {
    assertThat(locks.provideForClass(MeasurementLocksTests.class)).isEmpty();
  }

  @Runtimes({HOST, RUNC})
  static class StaticContainers {
    static GenericContainer<?> shared = new GenericContainer<>("junit-sandbox/never-started");

    @Test
    void uses(RuntimeUnderTest runtime) {}
  }

  @Runtimes({HOST, RUNC})
  static class InstanceContainers {
    GenericContainer<?> own = new GenericContainer<>("junit-sandbox/never-started");

    @Test
    void uses(RuntimeUnderTest runtime) {}
  }

  @Runtimes({HOST, RUNC})
  static class Measuring {
    @Test
    void measures(Sandbox sandbox) {}
  }
}
