package dev.junitsandbox.probe.builtin;

import dev.junitsandbox.probe.ProbeContext;

/**
 * The note every network and HTTP measurement carries: which network mode ran. It changes what is
 * measured: gVisor with {@code --network=host} leaves its own network stack out of the path.
 */
final class NetworkNotes {

  private NetworkNotes() {}

  /** E.g. "network: runsc --network=host (gVisor's own network stack not in the path)". */
  static String networkMode(ProbeContext context) {
    if (context.runtime().isHost()) {
      return "network: host (no container; the host kernel's network stack)";
    }
    String runtime = context.runtime().dockerName().orElse(context.runtime().id());
    return switch (context.networkMode()) {
      case "host" ->
          "network: " + runtime + " --network=host (gVisor's own network stack not in the path)";
      case "sandbox" ->
          "network: "
              + runtime
              + " --network=sandbox (gVisor's own network stack in the path, its default)";
      case "none" -> "network: " + runtime + " --network=none (no network)";
      case "bridge" ->
          "network: "
              + runtime
              + " system container on Incus's bridge (the host kernel's network stack in the"
              + " container's own namespace)";
      case "container" ->
          "network: "
              + runtime
              + " in the container's own network namespace (the host kernel's network stack,"
              + " over Docker's bridge)";
      default -> "network: " + runtime + ", network mode unknown";
    };
  }
}
