package dev.junitsandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Features some runtimes lack, for {@link RequiresCapability}. What each runtime lacks is taken
 * from the runtimes' documentation, not probed; a runtime junit-sandbox does not know by name is
 * assumed to have every capability.
 */
public enum RuntimeCapability {
  /** {@code --network=host}: Kata runs containers in a VM with its own network stack. */
  HOST_NETWORK(
      Set.of(ContainerRuntime.KATA_QEMU, ContainerRuntime.KATA_FC, ContainerRuntime.KATA_CLH),
      "Kata Containers run in a virtual machine and cannot share the host's network namespace"),
  /** {@code docker checkpoint}: needs CRIU with runc; Kata does not implement it. */
  CHECKPOINT_RESTORE(
      Set.of(ContainerRuntime.KATA_QEMU, ContainerRuntime.KATA_FC, ContainerRuntime.KATA_CLH),
      "Kata Containers do not implement checkpoint/restore"),
  /** {@code io_uring}: gVisor leaves it off unless runsc runs with {@code --iouring}. */
  IO_URING(
      Set.of(ContainerRuntime.RUNSC, ContainerRuntime.RUNSC_KVM),
      "gVisor does not offer io_uring unless runsc is started with --iouring"),
  /**
   * {@code /dev/kvm} passed into the container: needs a host with KVM, and a runtime that passes
   * host devices through (gVisor and Kata do not).
   */
  DEV_KVM(
      Set.of(
          ContainerRuntime.RUNSC,
          ContainerRuntime.RUNSC_KVM,
          ContainerRuntime.KATA_QEMU,
          ContainerRuntime.KATA_FC,
          ContainerRuntime.KATA_CLH),
      "gVisor and Kata do not pass host devices such as /dev/kvm into the sandbox");

  private final Set<ContainerRuntime> lackedBy;
  private final String why;

  RuntimeCapability(Set<ContainerRuntime> lackedBy, String why) {
    this.lackedBy = lackedBy;
    this.why = why;
  }

  /** Why {@code runtime} lacks this capability, or empty if it has it (as far as we know). */
  public Optional<String> missingOn(RuntimeUnderTest runtime) {
    if (lackedBy.stream().anyMatch(lacking -> lacking.id().equals(runtime.id()))) {
      return Optional.of(why);
    }
    if (this == DEV_KVM && !Files.exists(Path.of("/dev/kvm"))) {
      return Optional.of("this host has no /dev/kvm");
    }
    return Optional.empty();
  }
}
