package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Whether this host can run KVM-based sandboxes (gVisor's KVM platform, Kata), checked rather than
 * assumed: the CPU's {@code vmx} (Intel) or {@code svm} (AMD) flag in {@code /proc/cpuinfo}, and a
 * {@code /dev/kvm} that exists and opens read-write. A {@code /dev/kvm} alone is not enough: on a
 * virtual machine that is offered no hardware virtualisation the device can exist, and then
 * gVisor's KVM platform spins at 100% CPU without ever starting the container.
 *
 * <p>The CPU flag is checked only where {@code /proc/cpuinfo} lists x86 {@code flags}: other
 * architectures (arm64) show no such flag, and there the device decides alone.
 *
 * @param usable whether KVM-based sandboxes can run here
 * @param finding what was checked and found, for skip reasons, e.g. "/dev/kvm exists but this CPU
 *     shows no vmx or svm flag in /proc/cpuinfo (...)"
 * @param fix what would make KVM usable, or empty when it is
 */
record KvmCheck(boolean usable, String finding, String fix) {

  /**
   * The well-known runtimes that run their sandbox with KVM, by id, and what they would do on a
   * host without usable KVM.
   */
  private static final Map<String, String> KVM_BASED =
      Map.of(
          ContainerRuntime.RUNSC_KVM.id(),
          "gVisor's KVM platform would spin at 100% CPU and never start the container",
          ContainerRuntime.KATA_QEMU.id(),
          "Kata's QEMU virtual machine would hang at boot",
          ContainerRuntime.KATA_FC.id(),
          "Kata's Firecracker virtual machine would not start",
          ContainerRuntime.KATA_CLH.id(),
          "Kata's Cloud Hypervisor virtual machine would not start",
          ContainerRuntime.INCUS_VM.id(),
          "Incus's QEMU virtual machine would hang at boot");

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");
  private static final Path DEVICE = Path.of("/dev/kvm");
  private static final Set<String> VIRTUALISATION_FLAGS = Set.of("vmx", "svm");

  KvmCheck {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(fix, "fix");
  }

  /**
   * The check of this host for this run, kept in the root store: made once, on first use. Whatever
   * is already in the store under {@code KvmCheck.class} is used as it is, which is how tests drive
   * both outcomes.
   */
  static KvmCheck of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(RuntimesExtension.NAMESPACE)
        .computeIfAbsent(KvmCheck.class, key -> onThisHost(), KvmCheck.class);
  }

  /** Checks {@code /proc/cpuinfo} and {@code /dev/kvm}. */
  static KvmCheck onThisHost() {
    return check(CPUINFO, DEVICE);
  }

  /**
   * Checks the CPU flags in {@code cpuinfo} (a file in the format of {@code /proc/cpuinfo}) and the
   * device at {@code device}; messages name both paths as given.
   */
  static KvmCheck check(Path cpuinfo, Path device) {
    Optional<Boolean> virtualisation = virtualisationFlag(cpuinfo);
    String flagFound =
        virtualisation.isEmpty()
            ? "no CPU flags to check in " + cpuinfo
            : virtualisation.get()
                ? "the CPU shows the vmx or svm flag in " + cpuinfo
                : "this CPU shows no vmx or svm flag in "
                    + cpuinfo
                    + " (no hardware virtualisation offered to this machine)";
    if (!Files.exists(device)) {
      return new KvmCheck(
          false,
          "there is no " + device + ", and " + flagFound,
          virtualisation.orElse(true)
              ? "load the kvm module (modprobe kvm_intel or kvm_amd)"
              : "run on a machine whose CPU offers vmx or svm (on a virtual machine: enable"
                  + " nested virtualisation)");
    }
    if (virtualisation.isPresent() && !virtualisation.get()) {
      return new KvmCheck(
          false,
          device + " exists but " + flagFound,
          "run on a machine whose CPU offers vmx or svm (on a virtual machine: enable nested"
              + " virtualisation)");
    }
    try (FileChannel ignored =
        FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      return new KvmCheck(true, device + " opens read-write and " + flagFound, "");
    } catch (IOException | RuntimeException e) {
      return new KvmCheck(
          false,
          device + " exists but cannot be opened read-write by this user (" + e + ")",
          "give this user read-write access to " + device + " (the kvm group), or run as root");
    }
  }

  /** Whether the x86 flags show vmx or svm; empty if there are no x86 flags to read. */
  private static Optional<Boolean> virtualisationFlag(Path cpuinfo) {
    try {
      boolean anyFlags = false;
      for (String line : Files.readAllLines(cpuinfo)) {
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).strip().equals("flags")) {
          continue;
        }
        anyFlags = true;
        if (Arrays.stream(line.substring(colon + 1).strip().split("\\s+"))
            .anyMatch(VIRTUALISATION_FLAGS::contains)) {
          return Optional.of(true);
        }
      }
      return anyFlags ? Optional.of(false) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code runtime} is one of the well-known runtimes that need KVM. */
  static boolean needsKvm(RuntimeUnderTest runtime) {
    return KVM_BASED.containsKey(runtime.id());
  }

  /**
   * Why {@code runtime}, registered with a daemon on this host, cannot run here; empty if it needs
   * no KVM or KVM is usable.
   */
  Optional<String> registeredButUnusable(RuntimeUnderTest runtime) {
    if (!needsKvm(runtime) || usable) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "Runtime %s needs KVM, which this host cannot give it: %s (checked the CPU flags and"
                + " /dev/kvm). Started anyway, %s, so it is skipped; to run it, %s.",
            runtime, finding, KVM_BASED.get(runtime.id()), fix));
  }

  /**
   * What to add to the reason for a KVM-based {@code runtime} that is not registered: that even
   * installed it could not run here; empty if it needs no KVM or KVM is usable.
   */
  Optional<String> evenInstalled(RuntimeUnderTest runtime) {
    if (!needsKvm(runtime) || usable) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            " Even installed, it could not run on this host: it needs KVM, and %s (to run it, %s).",
            finding, fix));
  }
}
