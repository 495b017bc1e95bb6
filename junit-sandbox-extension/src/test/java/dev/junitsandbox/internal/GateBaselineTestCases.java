package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;

/** Fixtures for {@link GateBaselineTests}, run only through a launcher in those tests. */
class GateBaselineTestCases {

  /**
   * getpid on the host and on runc; the rounds come from {@code junit.sandbox.rounds}. A gated run
   * that maps runc's id to gVisor ({@code junit.sandbox.runtime.runc.docker-name=runsc}) is the
   * real slowdown: every getpid becomes a trip through gVisor's Sentry.
   */
  @Fixture
  static class Getpid {
    @Runtimes({HOST, RUNC})
    void getpid(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
    }
  }
}
