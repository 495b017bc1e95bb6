package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.Runtimes;
import dev.junitsandbox.Sandbox;

/** Fixtures for {@link RunReportListenerTests}, run only through a launcher. */
class RunReportListenerTestCases {

  /** A gate on gVisor: it can only pass by measuring runsc, or by skipping it. */
  @Fixture
  static class RunscGate {
    @Runtimes(RUNSC)
    void getpid(Sandbox sandbox) {}

    @Runtimes(RUNSC)
    void startup(Sandbox sandbox) {}
  }
}
