package dev.junitsandbox.internal;

import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.SandboxSettings;
import dev.junitsandbox.report.RuntimeDescription;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Docker containers of the probe image under a runtime registered with the daemon ({@code
 * HostConfig.runtime}): runc, crun, gVisor, Kata, or any runtime named in {@code @Runtimes(names =
 * ...)}.
 */
final class DockerSandboxes implements SandboxKind {

  private final DockerDaemon daemon;
  private final KvmCheck kvm;
  private final Supplier<String> probeImage;
  private final Duration callLimit;
  private final Function<RuntimeUnderTest, RuntimeDescription> describe;

  /**
   * @param probeImage the probe image's tag, built on first use
   * @param callLimit the bound of each daemon call
   * @param describe the run's description of a runtime (cached: it runs the runtime's binary)
   */
  DockerSandboxes(
      DockerDaemon daemon,
      KvmCheck kvm,
      Supplier<String> probeImage,
      Duration callLimit,
      Function<RuntimeUnderTest, RuntimeDescription> describe) {
    this.daemon = daemon;
    this.kvm = kvm;
    this.probeImage = probeImage;
    this.callLimit = callLimit;
    this.describe = describe;
  }

  @Override
  public Optional<String> unavailableReason(RuntimeUnderTest runtime) {
    String dockerName = runtime.dockerName().orElseThrow();
    if (!daemon.reachable()) {
      return Optional.of(
          String.format("Runtime %s needs Docker, but %s.", runtime, daemon.unreachableWithFix()));
    }
    // a KVM-based runtime on a host without usable KVM would hang at start, registered or not;
    // a remote daemon's host is another machine, so this one's CPU and /dev/kvm say nothing
    boolean kvmChecked = daemon.isLocal() && KvmCheck.needsKvm(runtime);
    if (daemon.runtimes().containsKey(dockerName)) {
      return kvmChecked ? kvm.registeredButUnusable(runtime) : Optional.empty();
    }
    String kvmNote =
        !KvmCheck.needsKvm(runtime)
            ? ""
            : kvmChecked
                ? kvm.evenInstalled(runtime).orElse("")
                : " (Whether its host offers KVM was not checked: the daemon at "
                    + daemon.endpoint()
                    + " is not on this machine.)";
    return Optional.of(
        String.format(
            "Runtime %s is not registered with the Docker daemon at %s (it has: %s). Register"
                + " '%s' under \"runtimes\" in /etc/docker/daemon.json and reload dockerd (see the"
                + " README, \"Registering runtimes\"), or map this runtime to a registered name"
                + " with %s<id>%s.%s",
            runtime,
            daemon.endpoint(),
            String.join(", ", daemon.runtimeNames()),
            dockerName,
            SandboxSettings.RUNTIME_DOCKER_NAME_PREFIX,
            SandboxSettings.RUNTIME_DOCKER_NAME_SUFFIX,
            kvmNote));
  }

  @Override
  public RuntimeDescription describe(RuntimeUnderTest runtime) {
    return EnvironmentCapture.describe(runtime, daemon);
  }

  @Override
  public ContainerProbeContext open(RuntimeUnderTest runtime) {
    return ContainerProbeContext.start(
        runtime, probeImage.get(), callLimit, describe.apply(runtime).networkMode());
  }

  @Override
  public String reproduce(RuntimeUnderTest runtime, List<String> command) {
    return "docker run --rm --runtime "
        + runtime.dockerName().orElseThrow()
        + " "
        + probeImage.get()
        + " "
        + String.join(" ", command);
  }
}
