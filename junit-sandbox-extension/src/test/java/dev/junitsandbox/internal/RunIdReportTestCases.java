package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.measure.Figure;
import dev.junitsandbox.measure.Measurement;
import dev.junitsandbox.probe.Probe;
import dev.junitsandbox.probe.ProbeContext;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Fixtures for {@link RunIdReportTests}, run only through a launcher. */
class RunIdReportTestCases {

  /** The value the next run measures; 0: the {@code sometimes} test stops before measuring. */
  static volatile double value;

  /** A probe that measures nothing real: it reports {@link #value} as a figure. */
  static final class ValueProbe implements Probe {
    @Override
    public String name() {
      return "value";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of();
    }

    @Override
    public Measurement run(ProbeContext context) {
      return Measurement.builder(name(), context.runtime().id(), parameters())
          .figure("value", "units", value == 0 ? 1 : value, Figure.Better.HIGHER)
          .build();
    }
  }

  @Fixture
  static class TwoTests {
    @Runtimes(HOST)
    void always(Sandbox sandbox) {
      sandbox.measure(new ValueProbe());
    }

    @Runtimes(HOST)
    void sometimes(Sandbox sandbox) {
      Assumptions.assumeTrue(value != 0, "told not to measure this time");
      sandbox.measure(new ValueProbe());
    }
  }

  @Fixture
  static class OneTest {
    @Runtimes(HOST)
    void sometimes(Sandbox sandbox) {
      Assumptions.assumeTrue(value != 0, "told not to measure this time");
      sandbox.measure(new ValueProbe());
    }
  }
}
