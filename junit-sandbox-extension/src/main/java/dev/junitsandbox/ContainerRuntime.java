package dev.junitsandbox;

import java.util.Locale;

/**
 * The container runtimes junit-sandbox knows by name, plus {@link #HOST}, the baseline.
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
  /** gVisor with its default platform (ptrace or systrap, depending on the build). */
  RUNSC("runsc"),
  /** gVisor on its ptrace platform, the one the studies measured. */
  RUNSC_PTRACE("runsc-ptrace"),
  /** gVisor on its KVM platform (registered with {@code runtimeArgs: ["--platform=kvm"]}). */
  RUNSC_KVM("runsc-kvm"),
  /** Kata Containers on QEMU. */
  KATA_QEMU("kata-qemu"),
  /** Kata Containers on Firecracker. */
  KATA_FC("kata-fc"),
  /** Kata Containers on Cloud Hypervisor. */
  KATA_CLH("kata-clh");

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
   * The Docker runtime name used unless configuration overrides it.
   *
   * @throws IllegalStateException for {@link #HOST}, which has none
   */
  public String defaultDockerName() {
    if (isHost()) {
      throw new IllegalStateException("HOST runs no container and has no Docker runtime name");
    }
    return defaultDockerName;
  }
}
