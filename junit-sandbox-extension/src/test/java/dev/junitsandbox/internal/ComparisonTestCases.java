package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.assertj.SandboxAssertions.assertThat;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.compare.Comparison;
import dev.junitsandbox.compare.FigureComparison;
import dev.junitsandbox.probe.builtin.Probes;
import dev.junitsandbox.probe.builtin.SyscallProbe;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Fixtures for {@link ComparisonTests}: real comparisons with the syscall probe. */
class ComparisonTestCases {

  // few calls: each trial is about a fresh sandbox, not about a precise figure
  static final SyscallProbe GETPID = Probes.syscall("getpid").iterations(500);

  /** Each fixture's comparison, by fixture name. */
  static final Map<String, Comparison> COMPARISONS = new ConcurrentHashMap<>();

  @Fixture
  static class HostWithHost {
    @Runtimes(HOST)
    void compare(Sandbox sandbox) {
      COMPARISONS.put("HostWithHost", sandbox.compare(GETPID).trials(5).withHost());
    }
  }

  @Fixture
  static class RuncWithHost {
    @Runtimes(RUNC)
    void compare(Sandbox sandbox) {
      COMPARISONS.put("RuncWithHost", sandbox.compare(GETPID).trials(5).with(HOST));
    }
  }

  /**
   * Asserts a bound in the middle of the interval (its geometric mean), which the interval always
   * straddles whatever the machine measured: the outcome is decided by the rule, not by noise. The
   * mean is a continuous statistic, so its interval is never a single point.
   */
  @Fixture
  static class Straddling {
    @Runtimes(HOST)
    void straddles(Sandbox sandbox) {
      Comparison comparison = sandbox.compare(GETPID).trials(5).withHost();
      FigureComparison mean = comparison.figure("mean");
      assertThat(comparison).ratio("mean").isBelow(Math.sqrt(mean.low() * mean.high()));
    }
  }

  @Fixture
  static class TooFewTrials {
    @Runtimes(HOST)
    void tooFew(Sandbox sandbox) {
      sandbox.compare(GETPID).trials(2);
    }
  }
}
