package dev.junitsandbox.internal.incus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What junit-sandbox's Incus sandboxes need from this host, asked once per run: a daemon that
 * answers on the socket, the bridge {@value #NETWORK} with its IPv4 range, the profile {@value
 * #PROFILE} (root disk, network interface) and the image {@value #IMAGE_ALIAS} made from this
 * version's probe image. {@code runtimes/setup.sh} makes all of them; the names here are the ones
 * it uses.
 *
 * @param socket the socket asked
 * @param problem why Incus sandboxes cannot run here, with the fix; empty if they can
 * @param server what the server said of itself, or null if it did not answer
 * @param gateway the bridge's address on the host, e.g. {@code 10.213.47.1}, or null
 * @param prefix the bridge's network prefix length, e.g. 24, or 0 if unknown
 */
public record IncusHost(
    Path socket, Optional<String> problem, IncusClient.Server server, String gateway, int prefix) {

  /** The image alias setup imports the probe image's root file system under. */
  public static final String IMAGE_ALIAS = "junit-sandbox-probe";

  /** The image property that names the probe image it was made from (its tag). */
  public static final String PROBE_IMAGE_PROPERTY = "junit-sandbox.probe-image";

  /** The profile every sandbox uses: a root disk in setup's storage pool, a NIC on the bridge. */
  public static final String PROFILE = "junit-sandbox";

  /** The managed bridge setup creates: explicit IPv4 range, no IPv6, no NAT. */
  public static final String NETWORK = "junitsandbox0";

  /** The fix every message names. */
  public static final String FIX =
      "run sudo runtimes/setup.sh, which installs Incus where the distribution offers it, starts"
          + " incusd and creates the storage pool, the bridge "
          + NETWORK
          + ", the profile "
          + PROFILE
          + " and the image "
          + IMAGE_ALIAS;

  public IncusHost {
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(problem, "problem");
  }

  /** Whether Incus sandboxes can run here. */
  public boolean usable() {
    return problem.isEmpty();
  }

  /**
   * Asks the Incus daemon at {@code client}'s socket whether it has everything the sandboxes need,
   * for the probe image {@code probeTag}.
   */
  public static IncusHost query(IncusClient client, String probeTag) {
    Path socket = client.socket();
    if (!Files.exists(socket)) {
      return unusable(
          socket,
          null,
          String.format(
              "Incus is not running here: there is no socket at %s. Fix: %s (or point %s at the"
                  + " socket of a running incusd)",
              socket, FIX, "junit.sandbox.incus.socket"));
    }
    IncusClient.Server server;
    try {
      server = client.server();
    } catch (IncusException e) {
      return unusable(
          socket, null, String.format("Incus does not answer: %s. Fix: %s", e.getMessage(), FIX));
    }
    try {
      Map<String, String> network = client.networkConfig(NETWORK);
      String address = network.getOrDefault("ipv4.address", "");
      int slash = address.indexOf('/');
      if (slash < 0) {
        return unusable(
            socket,
            server,
            String.format(
                "Incus %s has the bridge %s but without an IPv4 range (ipv4.address is '%s'), so"
                    + " its sandboxes could not be reached. Fix: %s",
                server.version(), NETWORK, address, FIX));
      }
      if (!client.profileExists(PROFILE)) {
        return unusable(
            socket,
            server,
            String.format("Incus %s has no profile %s. Fix: %s", server.version(), PROFILE, FIX));
      }
      IncusClient.Image image = client.imageByAlias(IMAGE_ALIAS);
      String madeFrom = image.properties().getOrDefault(PROBE_IMAGE_PROPERTY, "an unknown image");
      if (!madeFrom.equals(probeTag)) {
        return unusable(
            socket,
            server,
            String.format(
                "Incus image %s was made from %s, but this version of junit-sandbox runs the probe"
                    + " image %s (the same tools in every sandbox). Fix: %s",
                IMAGE_ALIAS, madeFrom, probeTag, FIX));
      }
      return new IncusHost(
          socket,
          Optional.empty(),
          server,
          address.substring(0, slash),
          Integer.parseInt(address.substring(slash + 1)));
    } catch (IncusException e) {
      return unusable(
          socket,
          server,
          String.format(
              "Incus %s lacks what junit-sandbox's sandboxes need: %s. Fix: %s",
              server.version(), e.getMessage(), FIX));
    } catch (NumberFormatException e) {
      return unusable(
          socket,
          server,
          String.format(
              "Incus's bridge %s has a malformed range: %s. Fix: %s",
              NETWORK, e.getMessage(), FIX));
    }
  }

  private static IncusHost unusable(Path socket, IncusClient.Server server, String problem) {
    return new IncusHost(socket, Optional.of(problem), server, null, 0);
  }
}
