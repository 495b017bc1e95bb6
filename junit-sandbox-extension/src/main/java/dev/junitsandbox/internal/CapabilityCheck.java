package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RequiresCapability;
import dev.junitsandbox.RuntimeCapability;
import dev.junitsandbox.RuntimeUnderTest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides {@link RequiresCapability} for one run: {@link RuntimeCapability#IO_URING} probed once
 * per runtime (cached for the run; a failed probe is tried again by the next invocation, see {@link
 * CachedOnSuccess}), {@link RuntimeCapability#DEV_KVM} from this host's {@link KvmCheck} and the
 * runtimes' documentation, the others from documentation.
 */
final class CapabilityCheck {

  private static final Set<String> KATA =
      ids(ContainerRuntime.KATA_QEMU, ContainerRuntime.KATA_FC, ContainerRuntime.KATA_CLH);
  private static final Set<String> NO_HOST_DEVICES =
      Stream.concat(
              KATA.stream(),
              ids(ContainerRuntime.RUNSC, ContainerRuntime.RUNSC_PTRACE, ContainerRuntime.RUNSC_KVM)
                  .stream())
          .collect(Collectors.toUnmodifiableSet());

  private final Function<RuntimeUnderTest, String> ioUringProbe;
  private final KvmCheck kvm;
  private final boolean localDaemon;
  private final Map<RuntimeUnderTest, CachedOnSuccess<String>> ioUring = new ConcurrentHashMap<>();

  /**
   * @param ioUringProbe runs {@code sandbox-probe iouring} under a runtime and returns its answer,
   *     {@code "ok"} or an errno name; throws if it cannot run
   * @param kvm this host's KVM
   * @param localDaemon whether the daemon runs on this host, so that {@code kvm} speaks for its
   *     containers
   */
  CapabilityCheck(
      Function<RuntimeUnderTest, String> ioUringProbe, KvmCheck kvm, boolean localDaemon) {
    this.ioUringProbe = ioUringProbe;
    this.kvm = kvm;
    this.localDaemon = localDaemon;
  }

  /**
   * The run's check, kept in the root store. Whatever is already in the store under {@code
   * CapabilityCheck.class} is used as it is, which is how the conditions are tested without
   * containers.
   */
  static CapabilityCheck of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(RuntimesExtension.NAMESPACE)
        .computeIfAbsent(
            CapabilityCheck.class,
            key -> {
              RunResources resources = RunResources.of(context);
              return new CapabilityCheck(
                  resources::probeIoUring, resources.kvm(), resources.localDaemon());
            },
            CapabilityCheck.class);
  }

  /**
   * Why {@code runtime} lacks {@code capability}, or empty if it has it (as far as was checked).
   *
   * @throws RuntimeException if a probe could not run, with the command that reproduces it
   */
  Optional<String> missingOn(RuntimeCapability capability, RuntimeUnderTest runtime) {
    if (runtime.isIncus()
        && (capability == RuntimeCapability.HOST_NETWORK
            || capability == RuntimeCapability.CHECKPOINT_RESTORE)) {
      return Optional.of(
          "Incus system containers are not Docker containers: Docker's host network mode and"
              + " docker checkpoint do not apply to them (junit-sandbox runs each on Incus's"
              + " bridge)");
    }
    return switch (capability) {
      case HOST_NETWORK ->
          KATA.contains(runtime.id())
              ? Optional.of(
                  "Kata Containers run in a virtual machine and cannot share the host's network"
                      + " namespace (from Kata's documentation)")
              : Optional.empty();
      case CHECKPOINT_RESTORE ->
          KATA.contains(runtime.id())
              ? Optional.of(
                  "Kata Containers do not implement checkpoint/restore (from Kata's"
                      + " documentation)")
              : Optional.empty();
      case IO_URING -> ioUringMissing(runtime);
      case DEV_KVM -> devKvmMissing(runtime);
    };
  }

  private Optional<String> ioUringMissing(RuntimeUnderTest runtime) {
    String answer =
        ioUring
            .computeIfAbsent(
                runtime,
                key ->
                    new CachedOnSuccess<>(
                        "the io_uring probe under " + runtime, () -> ioUringProbe.apply(runtime)))
            .get();
    if (answer.equals("ok")) {
      return Optional.empty();
    }
    String where = runtime.isHost() ? "on the host" : "in " + runtime;
    return Optional.of(
        "io_uring_setup failed with "
            + answer
            + " "
            + where
            + " (probed with sandbox-probe iouring"
            + (answer.equals("ENOSYS")
                ? "; gVisor offers io_uring only when runsc runs with --iouring)"
                : answer.equals("EPERM")
                    ? "; a seccomp profile or kernel.io_uring_disabled forbids it)"
                    : ")"));
  }

  private Optional<String> devKvmMissing(RuntimeUnderTest runtime) {
    if (NO_HOST_DEVICES.contains(runtime.id())) {
      return Optional.of(
          "gVisor and Kata do not pass host devices such as /dev/kvm into the sandbox (from their"
              + " documentation)");
    }
    // Incus runs on this machine (its local socket), as the host baseline does
    if ((runtime.isHost() || runtime.isIncus() || localDaemon) && !kvm.usable()) {
      return Optional.of("this host has no usable KVM: " + kvm.finding());
    }
    return Optional.empty();
  }

  private static Set<String> ids(ContainerRuntime... runtimes) {
    return Stream.of(runtimes).map(ContainerRuntime::id).collect(Collectors.toUnmodifiableSet());
  }
}
