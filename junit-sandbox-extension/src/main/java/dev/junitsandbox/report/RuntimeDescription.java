package dev.junitsandbox.report;

import java.util.List;
import java.util.Objects;

/**
 * The runtime a report's measurements come from, as the daemon registered it.
 *
 * @param id junit-sandbox's id, e.g. {@code "runsc"} or {@code "host"}
 * @param dockerName the Docker runtime name, or {@code null} for the host and for Incus
 * @param path the runtime binary the daemon runs, or {@code null} if the daemon does not say; for
 *     Incus the socket of the daemon that was asked
 * @param runtimeArgs the extra arguments the daemon passes it, e.g. {@code --network=host}; copied
 * @param version the first line of {@code <path> --version}, or {@code "unknown"}; for Incus the
 *     server's version and its LXC driver's, e.g. {@code "Incus 6.0.4 (lxc 6.0.4)"}
 * @param platform how the runtime runs the sandbox's code: for gVisor its platform ({@code
 *     "systrap"}, {@code "ptrace"}, {@code "kvm"}), the {@code --platform} of the runtime arguments
 *     or else the build's default as {@code <path> flags} prints it; {@code "native"} for runc,
 *     crun, Incus and the host (the host kernel runs it directly); {@code null} if unknown (another
 *     runtime, or a gVisor whose binary could not be asked)
 * @param networkMode whose network stack serves the sandbox: for gVisor the {@code --network} of
 *     the runtime arguments, else its default {@code "sandbox"} (gVisor's own stack; {@code "host"}
 *     means the host kernel's stack in the container's network namespace, {@code "none"} no
 *     network); {@code "container"} for runc and crun (the host kernel's stack in Docker's network
 *     namespace for the container); {@code "bridge"} for Incus (the host kernel's stack in the
 *     system container's namespace, on Incus's bridge); {@code "host"} for the host; {@code null}
 *     if unknown
 */
public record RuntimeDescription(
    String id,
    String dockerName,
    String path,
    List<String> runtimeArgs,
    String version,
    String platform,
    String networkMode) {

  public RuntimeDescription {
    Objects.requireNonNull(id, "id");
    runtimeArgs = runtimeArgs == null ? List.of() : List.copyOf(runtimeArgs);
    version = version == null ? "unknown" : version;
  }
}
