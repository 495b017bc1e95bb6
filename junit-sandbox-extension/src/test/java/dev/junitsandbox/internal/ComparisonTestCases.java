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
      COMPARISONS.put("HostWithHost", sandbox.compare(GETPID).trials(6).withHost());
    }
  }

  @Fixture
  static class RuncWithHost {
    @Runtimes(RUNC)
    void compare(Sandbox sandbox) {
      // eight a side: p50s of fast calls tie, and with ties Commons' normal approximation needs
      // at least six trials a side to reject any factor at 0.01, i.e. to bound the interval; eight
      // leave room for the sides' values to overlap
      COMPARISONS.put("RuncWithHost", sandbox.compare(GETPID).trials(8).with(HOST));
    }
  }

  /**
   * Asserts a bound inside the interval (see {@link #straddling}), which the interval always
   * straddles whatever the machine measured: the outcome is decided by the rule, not by noise. The
   * mean is a continuous statistic, so its interval is never a single point.
   */
  @Fixture
  static class Straddling {
    @Runtimes(HOST)
    void straddles(Sandbox sandbox) {
      Comparison comparison = sandbox.compare(GETPID).trials(6).withHost();
      assertThat(comparison).ratio("mean").isBelow(straddling(comparison.figure("mean")));
    }
  }

  /**
   * A bound strictly inside the interval, whatever the trials gave: the middle on a log scale of a
   * bounded interval, else a point inside the bounded side. With few trials a side and tied values
   * Commons' normal approximation cannot reach p < 0.01, so the interval may be 0 to infinity.
   */
  static double straddling(FigureComparison figure) {
    if (Double.isInfinite(figure.high())) {
      return figure.low() > 0 ? figure.low() * 2 : 1.0;
    }
    return figure.low() > 0 ? Math.sqrt(figure.low() * figure.high()) : figure.high() / 2;
  }

  @Fixture
  static class TooFewTrials {
    @Runtimes(HOST)
    void tooFew(Sandbox sandbox) {
      sandbox.compare(GETPID).trials(2);
    }
  }
}
