package dev.junitsandbox.internal;

import static dev.junitsandbox.ContainerRuntime.HOST;
import static dev.junitsandbox.ContainerRuntime.KATA_CLH;
import static dev.junitsandbox.ContainerRuntime.KATA_FC;
import static dev.junitsandbox.ContainerRuntime.KATA_QEMU;
import static dev.junitsandbox.ContainerRuntime.RUNC;
import static dev.junitsandbox.ContainerRuntime.RUNSC;
import static dev.junitsandbox.ContainerRuntime.RUNSC_KVM;

import dev.junitsandbox.RequiresCapability;
import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.Runtimes;

/** Fixtures for {@link KvmRuntimesTests}: runtimes and capabilities that need KVM. */
class KvmRuntimesTestCases {

  @Fixture
  static class KvmBased {
    @Runtimes({RUNSC_KVM, KATA_QEMU, KATA_FC, KATA_CLH})
    void noop() {}
  }

  @Fixture
  static class NeedsDevKvm {
    @Runtimes({HOST, RUNC, RUNSC})
    @RequiresCapability(RuntimeCapability.DEV_KVM)
    void noop() {}
  }
}
