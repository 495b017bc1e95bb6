package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;
import org.junit.jupiter.api.Test;

/** Fixtures for {@link RoundsTests}, run only through EngineTestKit. */
class RoundsTestCases {

  @Fixture
  static class ThreeRounds {
    @Runtimes(
        value = {HOST, RUNC},
        rounds = 3)
    void noop() {}
  }

  @Fixture
  static class NoRounds {
    @Runtimes({HOST, RUNC})
    void noop() {}
  }

  @Fixture
  static class ZeroRounds {
    @Runtimes(value = HOST, rounds = 0)
    void noop() {}
  }

  @Fixture
  static class TooManyRounds {
    @Runtimes(value = HOST, rounds = 101)
    void noop() {}
  }

  @Fixture
  @Runtimes(
      value = {HOST, RUNC},
      rounds = 2)
  static class ClassWithRounds {
    @Test
    void first() {}
  }

  /** A method that runs in the runc passes only: skipped in each round's host pass. */
  @Fixture
  @Runtimes(
      value = {HOST, RUNC},
      rounds = 2)
  static class MethodInsideClassWithRounds {
    @Runtimes(RUNC)
    void onRuncOnly() {}
  }

  @Fixture
  @Runtimes(RUNC)
  static class MethodRoundsInsideClass {
    @Runtimes(value = RUNC, rounds = 2)
    void noop() {}
  }

  /** Measures in every round, each in a fresh sandbox, into one reports directory. */
  @Fixture
  static class MeasuresInRounds {
    @Runtimes(
        value = {HOST, RUNC},
        rounds = 2)
    void getpid(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
    }
  }
}
