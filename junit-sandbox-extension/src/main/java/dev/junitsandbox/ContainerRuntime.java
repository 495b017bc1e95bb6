package dev.junitsandbox;

import java.util.Locale;

/**
 * The container runtimes junit-sandbox knows by name, plus {@link #HOST}, the baseline, and {@link
 * #INCUS}, system containers that are not run by Docker.
 *
 * <p>Each runtime has a default Docker runtime name: the key under {@code "runtimes"} in the
 * daemon's {@code daemon.json} (or the daemon's built-in {@code runc}). Override it per machine
 * with {@code junit.sandbox.runtime.<id>.docker-name}, e.g. {@code
 * junit.sandbox.runtime.kata-fc.docker-name=kata-firecracker}. A runtime not listed here can still
 * be used through {@link Runtimes#names()}.
 */
public enum ContainerRuntime {
  /** No container: the probe runs as a plain process on the host. Always available. */
  HOST(null),
  /** The OCI reference runtime, Docker's default. */
  RUNC("runc"),
  /** Red Hat's C implementation of the OCI runtime. */
  CRUN("crun"),
  /**
   * gVisor, the current build on its default platform: systrap since mid-2023 (ptrace in older
   * builds, such as Debian 12's {@code 0.0~20221219}). The report records the platform that ran.
   */
  RUNSC("runsc"),
  /**
   * gVisor on its ptrace platform (registered with {@code runtimeArgs: ["--platform=ptrace"]}): the
   * platform the published studies measured, and the default of gVisor builds before mid-2023.
   */
  RUNSC_PTRACE("runsc-ptrace"),
  /**
   * gVisor on its KVM platform (registered with {@code runtimeArgs: ["--platform=kvm"]}). Needs a
   * host with usable KVM (a CPU with the vmx or svm flag and a {@code /dev/kvm} it can open):
   * without it gVisor spins and never starts the container, so junit-sandbox skips it with what it
   * found.
   */
  RUNSC_KVM("runsc-kvm"),
  /** Kata Containers on QEMU; needs usable KVM, as {@link #RUNSC_KVM} does. */
  KATA_QEMU("kata-qemu"),
  /** Kata Containers on Firecracker; needs usable KVM, as {@link #RUNSC_KVM} does. */
  KATA_FC("kata-fc"),
  /** Kata Containers on Cloud Hypervisor; needs usable KVM, as {@link #RUNSC_KVM} does. */
  KATA_CLH("kata-clh"),
  /**
   * Incus system containers (LXC): not a Docker runtime. Each invocation gets a fresh container of
   * an Incus image made from the probe image's root file system (the same tools as in the Docker
   * sandboxes), with its own address on a bridge of Incus's. Needs the Incus daemon on this machine
   * with the storage pool, bridge, profile and image that {@code runtimes/setup.sh} creates,
   * reached through its REST API on its unix socket ({@code /var/lib/incus/unix.socket}, or {@code
   * junit.sandbox.incus.socket}); where it is missing the invocation is skipped with the reason and
   * the fix. The JVM must run as a user allowed on that socket (root, or the group incusd grants).
   * Testcontainers containers cannot run under it.
   */
  INCUS(null),
  /**
   * Incus virtual machines (QEMU): not a Docker runtime, and only by configuration so far. They
   * need usable KVM, as {@link #RUNSC_KVM} does, and a VM image of the probe (a disk with a kernel
   * and Incus's agent), which {@code runtimes/setup.sh} does not make: invocations are skipped,
   * with the KVM check's finding where KVM is not usable, else saying that the VM image is missing.
   */
  INCUS_VM(null);

  private final String defaultDockerName;

  ContainerRuntime(String defaultDockerName) {
    this.defaultDockerName = defaultDockerName;
  }

  /**
   * The identifier used in display names, reports and configuration keys: the constant's name in
   * lower case with dashes, e.g. {@code "kata-fc"} for {@link #KATA_FC}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether this is the {@link #HOST} baseline, which starts no container. */
  public boolean isHost() {
    return this == HOST;
  }

  /**
   * Whether its sandboxes are Docker containers: every runtime but {@link #HOST} and {@link
   * #INCUS}.
   */
  public boolean isDocker() {
    return defaultDockerName != null;
  }

  /**
   * The Docker runtime name used unless configuration overrides it.
   *
   * @throws IllegalStateException for {@link #HOST}, {@link #INCUS} and {@link #INCUS_VM}, which
   *     have none
   */
  public String defaultDockerName() {
    if (!isDocker()) {
      throw new IllegalStateException(
          this + " runs no Docker container and has no Docker runtime name");
    }
    return defaultDockerName;
  }
}
