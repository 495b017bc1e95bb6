package dev.junitsandbox;

/**
 * Features some runtimes lack, for {@link RequiresCapability}. The skip reason names the
 * capability, the runtime, what was checked and what was found. How each is decided:
 *
 * <ul>
 *   <li>{@link #IO_URING}: probed, once per runtime per run;
 *   <li>{@link #DEV_KVM}: this host's KVM probed, the runtimes from their documentation;
 *   <li>{@link #HOST_NETWORK}, {@link #CHECKPOINT_RESTORE}: from the runtimes' documentation, not
 *       probed.
 * </ul>
 *
 * A runtime junit-sandbox does not know by name is assumed to have what is taken from
 * documentation.
 */
public enum RuntimeCapability {
  /**
   * {@code --network=host}: Kata runs containers in a VM with its own network stack. From Kata's
   * documentation.
   */
  HOST_NETWORK,
  /**
   * {@code docker checkpoint}: needs CRIU with runc; Kata does not implement it. From Kata's
   * documentation.
   */
  CHECKPOINT_RESTORE,
  /**
   * {@code io_uring}. Probed: {@code sandbox-probe iouring} calls {@code io_uring_setup} in one
   * short container of the runtime (on {@link ContainerRuntime#HOST}, the host's probe binary),
   * once per runtime per run; the skip reason says how it failed, e.g. "io_uring_setup failed with
   * ENOSYS in runsc" (gVisor offers io_uring only when runsc runs with {@code --iouring}; a seccomp
   * profile or {@code kernel.io_uring_disabled} answer EPERM).
   */
  IO_URING,
  /**
   * {@code /dev/kvm} passed into the container. Needs a host with usable KVM, probed (the CPU's vmx
   * or svm flag, and a {@code /dev/kvm} that opens read-write; for a daemon on another machine this
   * host is not checked), and a runtime that passes host devices through, from documentation
   * (gVisor and Kata do not).
   */
  DEV_KVM
}
