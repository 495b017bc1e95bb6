package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;

import dev.junitsandbox.RequiresCapability;
import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.Runtimes;

/** Fixtures for {@link CapabilityProbeTests}. */
class CapabilityProbeTestCases {

  /** Two methods on each runtime: the second is decided by the first's probe, kept for the run. */
  @Fixture
  static class NeedsIoUring {
    @Runtimes({HOST, RUNC, RUNSC})
    @RequiresCapability(RuntimeCapability.IO_URING)
    void first() {}

    @Runtimes({HOST, RUNC, RUNSC})
    @RequiresCapability(RuntimeCapability.IO_URING)
    void second() {}
  }
}
