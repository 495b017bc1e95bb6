package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.RUNC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;
import dev.junitsandbox.probe.builtin.Probes;

/** Fixtures for {@link FaultRuntimesTests}: the test-only fault runtimes beside runc. */
class FaultRuntimesTestCases {

  static final String HANG = "junit-sandbox-fault-hang";
  static final String BROKEN = "junit-sandbox-fault-broken";

  /** runc, then the runtime that hangs, then the broken one: the run must go on past the hang. */
  @Fixture
  static class RuncHangingAndBroken {
    @Runtimes(
        value = RUNC,
        names = {HANG, BROKEN})
    void getpid(Sandbox sandbox) {
      sandbox.measure(Probes.syscall("getpid").iterations(1_000));
    }
  }
}
