package dev.junitsandbox.internal;

import java.util.logging.Logger;

/**
 * Makes Testcontainers speak an API version the daemon accepts, without a config file.
 *
 * <p>Testcontainers 2.0 asks for API 1.44, which Engine 29 requires and Engine 20.10 to 24 refuse
 * ("client version 1.44 is too new"). docker-java takes the {@code api.version} system property
 * over its defaults, so when the daemon speaks less than 1.44 we set that property to the daemon's
 * own version before Testcontainers creates its client. A value the user set (system property or
 * {@code DOCKER_API_VERSION}) always wins.
 */
final class DockerApiCompatibility {

  static final String PROPERTY = "api.version";
  private static final String TESTCONTAINERS_DEFAULT = "1.44";
  private static final Logger LOG = Logger.getLogger(DockerApiCompatibility.class.getName());

  private DockerApiCompatibility() {}

  static synchronized void configure(DockerDaemon daemon) {
    if (System.getProperty(PROPERTY) != null || System.getenv("DOCKER_API_VERSION") != null) {
      return;
    }
    if (!daemon.reachable() || !daemon.apiVersion().matches("\\d+\\.\\d+")) {
      return;
    }
    if (compare(daemon.apiVersion(), TESTCONTAINERS_DEFAULT) < 0) {
      System.setProperty(PROPERTY, daemon.apiVersion());
      LOG.fine(
          () ->
              "Docker Engine "
                  + daemon.serverVersion()
                  + " speaks API "
                  + daemon.apiVersion()
                  + ": set "
                  + PROPERTY
                  + " for Testcontainers");
    }
  }

  static int compare(String left, String right) {
    String[] l = left.split("\\.");
    String[] r = right.split("\\.");
    int major = Integer.compare(Integer.parseInt(l[0]), Integer.parseInt(r[0]));
    return major != 0 ? major : Integer.compare(Integer.parseInt(l[1]), Integer.parseInt(r[1]));
  }
}
