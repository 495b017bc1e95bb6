package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;

/** Fixtures for {@link DaemonKillTests}: a probe that sleeps in the sandbox, and two after it. */
class DaemonKillTestCases {

  /** Counted down once the first probe runs in its container; the test then kills dockerd. */
  static volatile CountDownLatch midProbe = new CountDownLatch(1);

  /** How long the probe sleeps in the sandbox. */
  static volatile int sleepSeconds = 60;

  /** Sleeps in the sandbox for {@link #sleepSeconds}, after saying that it runs. */
  static final class SleepProbe implements Probe {
    @Override
    public String name() {
      return "test.sleep";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of();
    }

    @Override
    public Measurement run(ProbeContext context) {
      midProbe.countDown();
      context.exec(
          Duration.ofSeconds(sleepSeconds + 60), List.of("sleep", Integer.toString(sleepSeconds)));
      return Measurement.builder(name(), context.runtime().id(), parameters())
          .figure("slept", "s", sleepSeconds, Figure.Better.LOWER)
          .build();
    }
  }

  @Fixture
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class SleepsThenTwoMore {
    @Order(1)
    @Runtimes(RUNC)
    void sleeps(Sandbox sandbox) {
      sandbox.measure(new SleepProbe());
    }

    @Order(2)
    @Runtimes(RUNC)
    void second(Sandbox sandbox) {
      sandbox.measure(new SleepProbe());
    }

    @Order(3)
    @Runtimes(RUNC)
    void third(Sandbox sandbox) {
      sandbox.measure(new SleepProbe());
    }
  }
}
