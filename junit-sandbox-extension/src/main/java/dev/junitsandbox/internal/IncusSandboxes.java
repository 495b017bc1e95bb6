package dev.junitsandbox.internal;

import dev.junitsandbox.ContainerRuntime;
import dev.junitsandbox.RuntimeUnderTest;
import dev.junitsandbox.internal.incus.IncusClient;
import dev.junitsandbox.internal.incus.IncusHost;
import dev.junitsandbox.internal.incus.Shell;
import dev.junitsandbox.probe.ProbeException;
import dev.junitsandbox.report.RuntimeDescription;
import java.util.List;
import java.util.Optional;

/**
 * Incus system containers ({@code INCUS}): no Docker runtime, the Incus daemon's REST API on its
 * unix socket, the probe image's root file system as an Incus image, each sandbox a fresh container
 * with its own address on setup's bridge. What this host offers is asked once, on first use.
 */
final class IncusSandboxes implements SandboxKind {

  private final IncusClient client;
  private final String probeTag;
  private final KvmCheck kvm;
  private IncusHost host;

  /**
   * @param client the client of the configured socket ({@code junit.sandbox.incus.socket})
   * @param probeTag the probe image this version runs, which the Incus image must be made from
   * @param kvm this host's KVM, which Incus virtual machines need
   */
  IncusSandboxes(IncusClient client, String probeTag, KvmCheck kvm) {
    this.client = client;
    this.probeTag = probeTag;
    this.kvm = kvm;
  }

  /** What this host offers, asked once. */
  synchronized IncusHost host() {
    if (host == null) {
      host = IncusHost.query(client, probeTag);
    }
    return host;
  }

  @Override
  public Optional<String> unavailableReason(RuntimeUnderTest runtime) {
    if (isVirtualMachine(runtime)) {
      // Incus runs on this machine, so this host's KVM is what its virtual machines would get
      return kvm.registeredButUnusable(runtime)
          .or(
              () ->
                  Optional.of(
                      "Runtime "
                          + runtime
                          + " needs a VM image of the probe (a disk with a kernel and Incus's"
                          + " agent), which runtimes/setup.sh does not make: only Incus system"
                          + " containers (INCUS) run yet"));
    }
    return host().problem().map(problem -> "Runtime " + runtime + " needs Incus, but: " + problem);
  }

  private static boolean isVirtualMachine(RuntimeUnderTest runtime) {
    return runtime.id().equals(ContainerRuntime.INCUS_VM.id());
  }

  @Override
  public RuntimeDescription describe(RuntimeUnderTest runtime) {
    IncusHost incus = host();
    String version =
        incus.server() == null
            ? "unknown"
            : String.format(
                "Incus %s (%s %s)",
                incus.server().version(), incus.server().driver(), incus.server().driverVersion());
    // the host kernel runs the container's code; its network is the host kernel's stack in the
    // container's namespace, over Incus's bridge
    return new RuntimeDescription(
        runtime.id(),
        null,
        client.socket().toString(),
        List.of(),
        version,
        "native",
        IncusProbeContext.NETWORK_MODE);
  }

  @Override
  public IncusProbeContext open(RuntimeUnderTest runtime) {
    Optional<String> unavailable = unavailableReason(runtime);
    if (unavailable.isPresent()) {
      throw new ProbeException(unavailable.get());
    }
    return IncusProbeContext.start(runtime, client, host(), probeTag);
  }

  @Override
  public String reproduce(RuntimeUnderTest runtime, List<String> command) {
    return String.format(
        "incus launch %s probe --profile %s && incus exec probe -- %s; incus delete --force"
            + " probe",
        IncusHost.IMAGE_ALIAS, IncusHost.PROFILE, Shell.commandLine(command));
  }
}
